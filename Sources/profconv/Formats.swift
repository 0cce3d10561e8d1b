import ArgumentParser
import ProfileFormats

struct Formats: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List the formats profconv reads and writes.")

    func run() throws {
        let nameWidth = FormatRegistry.all.map { $0.name.count }.max() ?? 8
        Console.print("format".padding(nameWidth) + "  read  write  extensions / aliases")
        for f in FormatRegistry.all {
            let ext = (f.extensions.map { "." + $0 } + f.aliases).joined(separator: " ")
            Console.print(f.name.padding(nameWidth) + "  " + (f.canRead ? "yes " : "-   ") + "  " + (f.canWrite ? "yes  " : "-    ")
                  + "  " + ext)
            Console.print(String(repeating: " ", count: nameWidth + 2) + f.summary)
        }
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
