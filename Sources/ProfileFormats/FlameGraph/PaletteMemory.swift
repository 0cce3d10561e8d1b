import ProfileCore
import ProfileSupport

/// The colours of `--palette-file`, shared by every flame graph one command
/// draws. The output stage reads the file once before the first graph and
/// saves it once after the last (``save()``), so the graphs of a parallel
/// batch all see one map and never race on the file. Each name's colour is a
/// function of the name, so the order the graphs finish in does not matter.
public final class PaletteMemory: Sendable {
    /// The palette file's path.
    public let path: String
    private let stored: Locked<PaletteMap>

    /// The map kept in `path`, empty when the file does not exist yet.
    public init(path: String) throws {
        self.path = path
        stored = Locked(Files.exists(path) ? PaletteMap(text: String(decoding: try Files.read(path), as: UTF8.self)) : PaletteMap())
    }

    /// The colours known so far.
    public var map: PaletteMap { stored.withLock { $0 } }

    /// Adds the colours a drawing gave to names new to the map.
    func remember(_ drawn: PaletteMap) {
        stored.withLock { stored in
            for (name, color) in drawn.colors where stored.colors[name] == nil {
                _ = stored.color(for: name) { color }
            }
        }
    }

    /// Writes the map back to `path`, atomically.
    public func save() throws {
        let out = try Files.Output(path: path)
        try out.sink.write(map.text)
        try out.commit()
    }
}
