/// The engine: choice stream, generators, shrinker, runner.
public enum PropertyCheckVersion { public static let choiceStreamLayout = 1 }
