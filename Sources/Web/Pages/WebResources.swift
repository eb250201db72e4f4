import Foundation

/// Where the Web target's files (templates, strings, stylesheet) are at run time.
enum WebResources {
    /// `Resources/<name>` inside the target's resource bundle. The bundle's own root is used rather than
    /// `resourceURL`, which Foundation on Linux points into a folder named `Resources` when one exists.
    static func folder(_ name: String) -> URL {
        Bundle.module.bundleURL.appendingPathComponent("Resources").appendingPathComponent(name)
    }
}
