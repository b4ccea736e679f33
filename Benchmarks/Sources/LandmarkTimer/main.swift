// landmark-timer: the landmark side of scripts/compare_peers.py. It loads one model once, then serves timing
// requests on stdin so the driver can interleave landmark, onnxruntime and TensorFlow round by round with every
// engine kept warm, each in its own process. Same line protocol as scripts/peers/py_worker.py:
//
//     landmark-timer MODEL.pb --input NAME=FILE.npy --output NAME [--threads N] [--warmup N]
//
// After loading and the warm-up it prints `{"ready": true, "load_ms": ..., "first_ms": ...}`; then per line read
//   `time N`     -> N back-to-back `Model.run` calls, prints `{"times_ms": [...]}` (wall time of each call)
//   `save PATH`  -> writes the output of one `Model.run` to PATH (.npy), prints `{"saved": "PATH"}`
//   `quit` / EOF -> exits.
// Errors print `{"error": "..."}` and exit with status 1.

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import LandmarkNet

/// Command-line settings of the timer.
struct TimerArguments {
    /// The frozen GraphDef.
    var model = ""
    /// Placeholder name -> .npy path.
    var inputs: [(name: String, path: String)] = []
    /// Tensors to fetch.
    var outputs: [String] = []
    /// The model's threads, `Model.Options.threads` (nil: the active processor count).
    var threads: Int?
    /// Untimed runs after loading (the first is reported as `first_ms`).
    var warmup = 3

    /// Parses `CommandLine.arguments`; returns a message on misuse.
    static func parse(_ arguments: [String]) -> Result<TimerArguments, TimerFailure> {
        var parsed = TimerArguments()
        var index = 1
        func value(_ flag: String) -> String? {
            index += 1
            return index < arguments.count ? arguments[index] : nil
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "--input":
                guard let text = value(argument), let equals = text.firstIndex(of: "=") else {
                    return .failure(TimerFailure("--input needs NAME=FILE.npy"))
                }
                parsed.inputs.append((String(text[..<equals]), String(text[text.index(after: equals)...])))
            case "--output":
                guard let text = value(argument) else { return .failure(TimerFailure("--output needs a tensor name")) }
                parsed.outputs.append(text)
            case "--threads":
                guard let text = value(argument), let count = Int(text), count >= 1 else {
                    return .failure(TimerFailure("--threads needs a positive integer"))
                }
                parsed.threads = count
            case "--warmup":
                guard let text = value(argument), let count = Int(text), count >= 1 else {
                    return .failure(TimerFailure("--warmup needs a positive integer"))
                }
                parsed.warmup = count
            default:
                guard parsed.model.isEmpty, !argument.hasPrefix("-") else {
                    return .failure(TimerFailure("unexpected argument '\(argument)'"))
                }
                parsed.model = argument
            }
            index += 1
        }
        if parsed.model.isEmpty { return .failure(TimerFailure("usage: landmark-timer MODEL.pb --input NAME=FILE.npy --output NAME [--threads N] [--warmup N]")) }
        if parsed.inputs.isEmpty { return .failure(TimerFailure("give at least one --input NAME=FILE.npy")) }
        return .success(parsed)
    }
}

/// A failure reported to the driver as `{"error": message}`.
struct TimerFailure: Error {
    /// What went wrong, with the file or tensor concerned.
    var message: String
    init(_ message: String) { self.message = message }
}

/// Prints one JSON line and flushes, so the driver never waits on a buffer.
func reply(_ object: [String: Any]) {
    let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
    FileHandle.standardOutput.write(data + Data("\n".utf8))  // unbuffered: straight to fd 1
}

/// Monotonic milliseconds.
func nowMilliseconds() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e6 }

func serve() -> Int32 {
    let arguments: TimerArguments
    switch TimerArguments.parse(CommandLine.arguments) {
    case .success(let parsed): arguments = parsed
    case .failure(let failure):
        reply(["error": failure.message])
        return 1
    }
    let model: Model
    var feeds: [String: Tensor] = [:]
    let requested: [String]? = arguments.outputs.isEmpty ? nil : arguments.outputs
    let loadStart = nowMilliseconds()
    let loadEnd: Double
    let firstEnd: Double
    do {
        for input in arguments.inputs {
            feeds[input.name] = try NPY.read(contentsOf: URL(fileURLWithPath: input.path))
        }
        model = try Model(contentsOf: URL(fileURLWithPath: arguments.model), options: Model.Options(threads: arguments.threads))
        loadEnd = nowMilliseconds()
        _ = try model.run(feeds, outputs: requested)
        firstEnd = nowMilliseconds()
        // Steady state: the plan and its memory and threads made ready (see `Model.warmUp`), then the warm-up runs.
        try model.warmUp(feeds, outputs: requested)
        for _ in 1..<arguments.warmup { _ = try model.run(feeds, outputs: requested) }
    } catch {
        reply(["error": "\(error)"])
        return 1
    }
    reply(["ready": true, "load_ms": loadEnd - loadStart, "first_ms": firstEnd - loadEnd])

    while let line = readLine() {
        let parts = line.trimmingCharacters(in: .whitespaces).split(separator: " ", maxSplits: 1).map(String.init)
        guard let command = parts.first else { continue }
        let argument = parts.count > 1 ? parts[1] : ""
        do {
            switch command {
            case "time":
                guard let count = Int(argument), count >= 0 else {
                    reply(["error": "time needs a count, got '\(argument)'"])
                    return 1
                }
                var times: [Double] = []
                times.reserveCapacity(count)
                for _ in 0..<count {
                    let start = nowMilliseconds()
                    _ = try model.run(feeds, outputs: requested)
                    times.append(nowMilliseconds() - start)
                }
                reply(["times_ms": times])
            case "save":
                let results = try model.run(feeds, outputs: requested)
                let name = requested?.first ?? model.outputs.first?.name ?? ""
                guard let tensor = results[name] else {
                    reply(["error": "no output named '\(name)'"])
                    return 1
                }
                try NPY.write(tensor, to: URL(fileURLWithPath: argument))
                reply(["saved": argument])
            case "quit":
                return 0
            default:
                reply(["error": "unknown command '\(command)'"])
                return 1
            }
        } catch {
            reply(["error": "\(error)"])
            return 1
        }
    }
    return 0
}

exit(serve())
