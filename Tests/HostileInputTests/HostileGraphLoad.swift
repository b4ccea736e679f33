import Foundation
import LandmarkNet

/// The error loading `graph` gives under `limits`, or nil when it loads.
func loadError(_ graph: HostileGraph, limits: ModelLimits = ModelLimits()) -> LandmarkError? {
    do {
        _ = try Model(data: Data(graph.bytes), options: Model.Options(limits: limits))
        return nil
    } catch {
        return error
    }
}
