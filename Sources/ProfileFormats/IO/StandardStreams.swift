/// The file descriptors that `-` and the CLI's messages mean: standard
/// input, output and error.
///
/// They are the process's 0, 1 and 2, unless a caller binds others for a
/// stretch of code with `StandardStreams.$current.withValue(…) { … }`, as the
/// tests do to run many commands at once in one process, each with streams of
/// its own. A task-local value, not a global, so that binding is safe while
/// other threads run; it follows the binding thread and the tasks it starts,
/// not threads started with `pthread_create`, so code on a worker thread that
/// needs a stream takes it from ``current`` before it starts.
public struct StandardStreams: Sendable, Equatable {
    /// What `-` reads.
    public var input: Int32
    /// What `-` writes.
    public var output: Int32
    /// Where messages go.
    public var error: Int32

    /// Streams on the descriptors `input`, `output` and `error`.
    public init(input: Int32, output: Int32, error: Int32) {
        self.input = input
        self.output = output
        self.error = error
    }

    /// The process's own: 0, 1 and 2.
    public static let process = StandardStreams(input: 0, output: 1, error: 2)

    /// The streams in effect here.
    @TaskLocal public static var current = StandardStreams.process
}
