#if canImport(Glibc)
import Glibc
#endif
import ProfileCore
import ProfileFormats

/// `--binary`: names a loaded profile's unnamed addresses from ELF files.
enum BinarySymbolization {
    static func apply(_ paths: [String], to profile: Profile) throws -> Profile {
        guard !paths.isEmpty else { return profile }
        var binaries: [SymbolBinary] = []
        for path in paths {
            let bytes: [UInt8]
            do { bytes = try Files.read(path) } catch let error as ProfileError { throw error.inFile(path) }
            binaries.append(try SymbolBinary(path: path, bytes: bytes))
        }
        let (symbolized, warnings) = try Symbolizer.symbolize(profile, binaries: binaries)
        for w in warnings.messages { Console.warn(w) }
        return symbolized
    }

    /// `go tool pprof`'s form `profconv top BINARY PROFILE…`: a first input
    /// that is an ELF file, followed by at least one more, is a `--binary`.
    static func positional(_ inputs: [String], _ binaries: [String]) -> (inputs: [String], binaries: [String]) {
        guard inputs.count > 1, let first = inputs.first, isELF(first) else { return (inputs, binaries) }
        return (Array(inputs.dropFirst()), [first] + binaries)
    }

    /// Whether the file at `path` starts with the ELF magic (false for `-`,
    /// URLs and unreadable paths, which the loader reports).
    private static func isELF(_ path: String) -> Bool {
        guard path != "-", !RemoteProfile.isURL(path) else { return false }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var magic = [UInt8](repeating: 0, count: 4)
        let n = magic.withUnsafeMutableBytes { read(fd, $0.baseAddress!, 4) }
        return n == 4 && ELFFile.isELF(magic)
    }
}
