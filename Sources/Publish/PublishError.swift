import LensCore

/// An output file that could not be written — a report, or a file the CI platform gave us
/// (`$GITHUB_OUTPUT`): exit 2. The same error as every other file lens-gate writes.
public typealias PublishError = OutputFileError
