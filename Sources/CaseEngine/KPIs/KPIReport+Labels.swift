extension KPIReport {
    /// The slice keys as reports write them, in key order (`workday`, `weekend`, `holiday` by
    /// default); slot `key * 24 + hour` of a day profile belongs to key `key`.
    public var sliceLabels: [String] { (0..<slices.keys).map(label) }
}
