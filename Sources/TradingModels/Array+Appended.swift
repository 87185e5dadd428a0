extension Array where Element: Equatable {
    /// Whether this array is `prefix` followed by `appended`, or `prefix` itself when
    /// `appended` is nil: the history rules' "after = before + the reported entry", compared in
    /// place. (Building `before + [entry]` to compare with copied the whole history into a new
    /// array after every step: 8% of the super-state check.)
    func equals(_ prefix: [Element], followedBy appended: Element?) -> Bool {
        guard let appended else { return self == prefix }
        guard count == prefix.count + 1, self[count - 1] == appended else { return false }
        return self[..<prefix.count].elementsEqual(prefix)
    }
}
