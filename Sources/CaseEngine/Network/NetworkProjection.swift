public import SimCore

/// The service network beyond the front desk, folded from case events: channels, back-office
/// departments and their deadlines, bundles, the escalation desk, the hotline, ratings, and the
/// conservation of cases, exactly as docs/network.md says each path writes its events.
///
/// ``KPIProjection`` holds one and folds it only when its catalog ``Catalog/hasNetwork``.
/// Memory follows the cases open (one ``NetworkTrack`` each, in a slab), plus fixed figures per
/// channel and department; nothing grows with history. ``NetworkFigures`` turns it into figures.
///
/// It is a sink that routes each event to its parts, each a type of its own:
/// - ``NetworkCasePaths`` moves the figures along each case path (submission, acceptance,
///   forwarding and decisions with their deadlines, results, escalation, the end of a case),
///   over ``NetworkCounts`` (what is counted), ``NetworkCases`` (the open cases) and
///   ``DepartmentBacklogs`` (the departments' backlogs as levels), reading ``NetworkTerms``
///   (what the catalog fixes: departments, hotlines, limits, bundles, the calendar);
/// - ``NetworkSpan`` keeps the span the figures cover (``KPIWindow``: ranges, warm-up): counts go
///   by the arrival of the case's visit, as the front desk's do — every event of a visit submitted
///   inside the span counts, and none of one submitted outside it (its events are folded into the
///   span's outside counts, never reported) — while backlogs are levels, moved by every case and
///   integrated over the span only.
public struct NetworkProjection: CaseEventSink, Sendable {
    /// The figures and the state the case paths move.
    var paths: NetworkCasePaths
    /// The span the figures cover.
    var span: NetworkSpan

    /// The hotline's wait target when a hotline hall sets none.
    public static let defaultHotlineTarget = NetworkTerms.defaultHotlineTarget

    /// A projection of `catalog`'s network, dating deadlines by its calendar.
    public init(catalog: Catalog, window: KPIWindow = .whole) {
        self.init(catalog: catalog, days: DayTypeTable(catalog.calendar), window: window)
    }

    /// A projection of `catalog`'s network, dating deadlines by `days` (the catalog's calendar),
    /// with figures over `window`.
    init(catalog: Catalog, days: DayTypeTable, window: KPIWindow = .whole) {
        paths = NetworkCasePaths(terms: NetworkTerms(catalog: catalog, days: days), window: window)
        span = NetworkSpan(window: window, counts: paths.counts)
    }

    /// A projection that knows no halls, groups or services and allocates nothing: what a catalog
    /// without a network gets, to count ratings.
    init(ratingsOnlyWith days: DayTypeTable) {
        paths = NetworkCasePaths(terms: NetworkTerms(ratingsOnlyWith: days), window: .whole, channels: false)
        span = NetworkSpan(window: .whole, counts: paths.counts)
    }

    /// Folds one event.
    /// - Complexity: O(1) amortised, plus O(log h) in the calendar's exceptions for a decision
    ///   with a deadline and O(weeks) for a department's first change in a new week.
    @inline(never)
    public mutating func record(_ e: CaseEvent) {
        let t = Swift.max(0, e.time.ticks)
        guard span.windowed else { return paths.fold(e, at: t) }
        if span.counts(e, at: t, &paths.backlogs) { return paths.fold(e, at: t) }
        swap(&paths.counts, &span.outside)
        paths.fold(e, at: t, outside: true)
        swap(&paths.counts, &span.outside)
    }

    // MARK: The figures

    /// Cases submitted, and how many ended each way.
    public var arrived: Int { paths.counts.arrived }
    /// `serviceCompleted` and `closed`.
    public var closed: Int { paths.counts.closed }
    /// `abandoned` and `noShow`.
    public var abandoned: Int { paths.counts.abandoned }
    public var transferred: Int { paths.counts.transferred }
    /// Per channel seen, in order of first sight (reports sort them).
    public var channels: [NetworkCounts.ChannelCounts] { paths.counts.channels }
    /// Every department of the catalog (groups of kind `department`), in catalog order.
    public var departments: [NetworkCounts.DepartmentCounts] { paths.counts.departments }
    public var bundles: NetworkCounts.BundleCounts { paths.counts.bundles }
    public var escalation: NetworkCounts.EscalationCounts { paths.counts.escalation }
    public var hotline: NetworkCounts.HotlineCounts { paths.counts.hotline }
    public var ratings: NetworkCounts.RatingCounts { paths.counts.ratings }
    /// Per department (as ``departments``): cases in its work list or being worked.
    public var backlogs: [BacklogSeries] { paths.backlogs.series }
    /// The backlogs to report: as they stood at the span's end once time has passed it.
    var reportedBacklogs: [BacklogSeries] { paths.backlogs.reported(passedEnd: span.passedEnd) }
    /// The span the figures cover (the whole run unless ranges or a warm-up say otherwise).
    public var window: KPIWindow { span.window }
    /// Open cases.
    var cases: NetworkCases { paths.cases }
    /// Per service: whether it is a bundle.
    var isBundle: [Bool] { paths.terms.isBundle }
    /// Per hall: the hotline wait target in ticks, or -1 for a hall that is not a hotline.
    var hotlineTarget: [Int64] { paths.terms.hotlineTarget }

    /// The cases open now (of those counted: see ``window``).
    public var open: Int {
        guard span.windowed else { return paths.cases.openCount }
        var n = 0
        paths.cases.forEachOpen { if !$0.has(NetworkTrack.outside) { n += 1 } }
        return n
    }
}
