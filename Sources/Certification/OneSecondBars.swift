import StressRun

extension ScenarioExecutor {
    /// The executor of the certification's one-second-bar tests. Its emergency stop on an
    /// unreachable venue counts steps; the default (3 steps) would halt on any outage longer than
    /// 3 s, so it is set to the same 3 minutes it means on the library's one-minute bars.
    static var oneSecondBars: ScenarioExecutor {
        var configuration = ExecutorConfiguration()
        configuration.disconnectedStepsBeforeHalt = 180
        return ScenarioExecutor(configuration: configuration)
    }
}
