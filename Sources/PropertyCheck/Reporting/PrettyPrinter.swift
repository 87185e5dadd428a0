/// Prints values the way a person reads them: on one line when short, otherwise indented, with
/// type names only where they help (structs and enum cases, not arrays or tuples).
public enum PrettyPrinter {
    /// The text for `value`, breaking lines past `width` characters.
    public static func describe(_ value: Any, width: Int = 80) -> String {
        render(value, indent: 0, width: width)
    }

    private static func render(_ value: Any, indent: Int, width: Int) -> String {
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
            guard let wrapped = mirror.children.first?.value else { return "nil" }
            return render(wrapped, indent: indent, width: width)
        case .collection, .set:
            return group("[", "]", mirror.children.map { render($0.value, indent: indent + 2, width: width) }, indent, width)
        case .dictionary:
            let items = mirror.children.map { child -> String in
                let pair = Mirror(reflecting: child.value).children.map(\.value)
                guard pair.count == 2 else { return render(child.value, indent: indent + 2, width: width) }
                return render(pair[0], indent: indent + 2, width: width) + ": " + render(pair[1], indent: indent + 2, width: width)
            }.sorted()
            return items.isEmpty ? "[:]" : group("[", "]", items, indent, width)
        case .tuple:
            return group("(", ")", mirror.children.map { labelled($0, indent: indent, width: width) }, indent, width)
        case .struct, .class:
            if let custom = value as? CustomStringConvertible { return custom.description }
            if mirror.children.isEmpty { return String(describing: value) }
            return typeName(value) + group("(", ")", mirror.children.map { labelled($0, indent: indent, width: width) }, indent, width)
        case .enum:
            if let custom = value as? CustomStringConvertible { return custom.description }
            guard let payload = mirror.children.first else { return "." + String(describing: value) }
            let name = "." + (payload.label ?? "")
            let inner = Mirror(reflecting: payload.value)
            if inner.displayStyle == .tuple {
                return name + group("(", ")", inner.children.map { labelled($0, indent: indent, width: width) }, indent, width)
            }
            return name + "(" + render(payload.value, indent: indent + 2, width: width) + ")"
        default:
            if let text = value as? String { return String(reflecting: text) }
            if let character = value as? Character { return String(reflecting: character) }
            if let scalar = value as? Unicode.Scalar { return String(reflecting: Character(scalar)) }
            return String(describing: value)
        }
    }

    private static func labelled(_ child: Mirror.Child, indent: Int, width: Int) -> String {
        let text = render(child.value, indent: indent + 2, width: width)
        guard let label = child.label, !label.hasPrefix(".") else { return text }
        return "\(label): \(text)"
    }

    private static func group(_ open: String, _ close: String, _ items: [String], _ indent: Int, _ width: Int) -> String {
        let flat = open + items.joined(separator: ", ") + close
        if flat.count + indent <= width && !flat.contains("\n") { return flat }
        let pad = String(repeating: " ", count: indent + 2)
        return open + "\n" + items.map { pad + $0 }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + close
    }

    /// The type's own name, without its module or enclosing scopes: `Point`, `Pair<Int, Int>`.
    private static func typeName(_ value: Any) -> String {
        String(describing: type(of: value))
    }

}
