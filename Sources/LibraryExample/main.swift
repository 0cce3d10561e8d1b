// The README's "Using the library" example, built and run by the tests.
import ProfileCore
import ProfileFormats

let arguments = CommandLine.arguments
let input = arguments.count > 1 ? arguments[1] : "Fixtures/go1.19/busy/cpu.pb.gz"
let output = arguments.count > 2 ? arguments[2] : "cpu.svg"

// Read a profile, hide Go's runtime frames, draw a flame graph.
var pipeline = Pipeline(format: FlameGraphFormat.self)
pipeline.transform.names.hide = try NamePattern("^runtime\\.")
pipeline.writeOptions[FlameGraphFormat.Options.self].title = "CPU without the runtime"
let messages = try pipeline.run([ProfileSource(input)], to: ProfileOutput(path: output))
for message in messages { print(message) }
