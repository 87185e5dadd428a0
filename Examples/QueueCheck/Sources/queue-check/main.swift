// `queue-check`: StressCheck's command line for the machines of this package.
//
//     swift run queue-check                          # check every machine, summary table
//     swift run queue-check check bounded-queue --time 10s
//     swift run queue-check check bounded-queue-stale-slot --json
import QueueCheck
import StressCheckCommand

StressCheckCLI.main(machines: QueueMachines.all)
