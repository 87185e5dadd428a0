// The `stresscheck` command-line tool: the command line for any machines, with StressCheck's
// machines and its own subcommands. Everything it does lives in StressCheckCommand.
import StressCheckCommand
import TradingChecks

StressCheckCLI.main(machines: Machines.all, commands: .all, program: "stresscheck")
