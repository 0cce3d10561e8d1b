#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import ProfileCore

/// gzip inflated on one thread while a reader on another reads what is
/// already there: on two cores, decoding no longer waits for inflating.
///
/// The output is one block of reserved address space that never moves, so
/// the reader holds plain pointers into it; ``available(atLeast:)`` is the
/// only point where the two threads meet (a mutex and a condition, once
/// per ``step`` of output). Errors are those of ``Gzip/inflate(_:limit:maxRatio:checkingStart:)``,
/// and they win over the reader's: whatever the reader finds in the bytes,
/// a corrupt or truncated gzip stream is what the user hears about, as
/// when everything is inflated first.
// why @unchecked: the state the two threads share (`published`, `finished`,
// `failure`) is only touched under the pthread mutex, which the compiler
// cannot see guarding it; the rest is set in `init` or touched by one side only.
final class InflateStream: @unchecked Sendable {
    /// How much is inflated between two wake-ups of the reader.
    static let step = 1 << 20

    /// The compressed bytes.
    let input: UnsafeRawBufferPointer
    private let limit: Int
    private let maxRatio: Int
    private let checkStart: ((UnsafeRawBufferPointer) throws -> Void)?
    private let output: InflatedBytes
    /// How many bytes the input should inflate to, from its gzip trailer
    /// (a guess: readers size their tables by it, never trust it).
    let expectedCount: Int
    private var mutex = pthread_mutex_t()
    private var changed = pthread_cond_t()
    /// Guarded by `mutex`.
    private var published = 0
    private var finished = false
    private var failure: (any Error)?
    /// Bytes given back by ``release(upTo:)``; only the reader touches it.
    private var releasedBytes = 0

    /// Nil where the address space cannot be reserved; then inflate first.
    /// `input` must stay valid until ``run()`` returns.
    init?(_ input: UnsafeRawBufferPointer, limit: Int, maxRatio: Int = 0, checkingStart checkStart: ((UnsafeRawBufferPointer) throws -> Void)?) {
        // One byte over the limit tells us the limit was passed.
        guard limit < Int.max / 2, let output = InflatedBytes(reserving: limit + 1) else { return nil }
        self.input = input
        self.limit = limit
        self.maxRatio = maxRatio
        self.checkStart = checkStart
        self.output = output
        expectedCount = min(limit, Gzip.outputGuess(input))
        pthread_mutex_init(&mutex, nil)
        pthread_cond_init(&changed, nil)
    }

    deinit {
        pthread_cond_destroy(&changed)
        pthread_mutex_destroy(&mutex)
    }

    /// Inflates everything; call it on its own thread.
    func run() {
        var error: (any Error)?
        var dropped = 0
        do {
            try Gzip.inflate(input, limit: limit, maxRatio: maxRatio, into: output, checkingStart: checkStart, step: Self.step) { count, consumed in
                self.publish(count)
                // A mapped input's pages behind the inflater leave memory (they
                // read back from the file, should the input be inflated again).
                if consumed - dropped >= Self.step * 8 {
                    InputBytes.dropPages(UnsafeRawBufferPointer(rebasing: self.input[dropped..<consumed]))
                    dropped = consumed
                }
            }
        } catch let e {
            error = e
        }
        pthread_mutex_lock(&mutex)
        published = output.count
        finished = true
        failure = error
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    private func publish(_ count: Int) {
        pthread_mutex_lock(&mutex)
        published = count
        pthread_cond_broadcast(&changed)
        pthread_mutex_unlock(&mutex)
    }

    /// The start of the inflated bytes; it does not move.
    var start: UnsafeRawPointer { output.start }

    /// Waits until at least `n` bytes are inflated, or all of them are, and
    /// returns how many there are (fewer than `n` only at the end). Throws
    /// the inflater's error, if it failed.
    func available(atLeast n: Int) throws -> Int {
        pthread_mutex_lock(&mutex)
        defer { pthread_mutex_unlock(&mutex) }
        while published < n && !finished { pthread_cond_wait(&changed, &mutex) }
        if let failure { throw failure }
        return published
    }

    /// Waits for the end and returns every inflated byte; not after ``release(upTo:)``.
    func all() throws -> UnsafeRawBufferPointer {
        precondition(releasedBytes == 0, "inflated bytes were released")
        return UnsafeRawBufferPointer(start: start, count: try available(atLeast: Int.max))
    }

    /// Gives the memory of the first `count` inflated bytes back (whole
    /// pages): the reader is done with them and will not look again.
    func release(upTo count: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let end = count / page * page
        guard end > releasedBytes else { return }
        madvise(UnsafeMutableRawPointer(mutating: start) + releasedBytes, end - releasedBytes, Int32(MADV_DONTNEED))
        releasedBytes = end
    }

    /// Waits for the inflater to stop, whatever it was doing: it may be
    /// writing ahead of the reader.
    func waitForEnd() { _ = try? available(atLeast: Int.max) }

    /// `readerError`, unless inflating failed: then that error, which is the
    /// one the input gets when it is inflated before it is read.
    func error(over readerError: any Error) -> any Error {
        do { _ = try available(atLeast: Int.max) } catch { return error }
        return readerError
    }
}
