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
}
