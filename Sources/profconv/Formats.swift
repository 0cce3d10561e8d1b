import ArgumentParser
import ProfileFormats

struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "formats",
        abstract: "List the formats profconv reads and writes, or show how it recognises files.",
        discussion: """
            With --sniff, each file gets one line: its name, the reader profconv picks \
            (or `-`), and what every reader that may read it answered (`certainly` for \
            a signature of its own, `maybe` for a format without one), best first. \
            Gzip is undone first, as when reading.
            """)

    @Option(name: .long, parsing: .upToNextOption, help: ArgumentHelp("Show how these files are recognised.", valueName: "file"))
    var sniff: [String] = []

    func run() throws {
        if !sniff.isEmpty { return try Console.reportingErrors { try showSniffing() } }
        let nameWidth = FormatRegistry.all.map { $0.name.count }.max() ?? 8
        Console.print("format".padding(nameWidth) + "  read  write  extensions / aliases")
        for f in FormatRegistry.all {
            let ext = (f.extensions.map { "." + $0 } + f.aliases).joined(separator: " ")
            Console.print(f.name.padding(nameWidth) + "  " + (f.canRead ? "yes " : "-   ") + "  " + (f.canWrite ? "yes  " : "-    ")
                  + "  " + ext)
            Console.print(String(repeating: " ", count: nameWidth + 2) + f.summary)
            // A reader's own options (`profconv convert --help` says what each does).
            if let r = f as? any ProfileReader.Type, !r.userOptions.isEmpty {
                let options = r.userOptions.map { "--" + $0.name + ($0.valueName.map { " <\($0)>" } ?? "") }
                Console.print(String(repeating: " ", count: nameWidth + 2) + "reader options: " + options.joined(separator: " "))
            }
        }
    }

    private func showSniffing() throws {
        for path in sniff {
            let s = try FormatRegistry.sniff(InputBytes(path: path), pathHint: path)
            let answers = s.candidates.map { "\($0.reader.name):\($0.confidence)" }.joined(separator: " ")
            Console.print("\(path)\t\(s.reader?.name ?? "-")\t\(answers)")
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
