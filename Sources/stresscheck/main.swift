// The `stresscheck` command-line tool; everything it does lives in StressCheckCommand.
import Foundation
import StressCheckCommand

exit(StressCheckCommand.main(arguments: Array(CommandLine.arguments.dropFirst())))
