// FuzzSupport is FuzzCore (the fuzz target and the process glue, all a machine's target links)
// plus the decoders', the zoo's and the seeds' support; its targets see both through one import.
@_exported import FuzzCore
