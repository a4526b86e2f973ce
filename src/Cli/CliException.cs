namespace FunctionalAD.Cli;

/// <summary>A mistake in what the user asked for: printed as one line on stderr, with exit code 1 and no stack trace.</summary>
internal sealed class CliException(string message) : Exception(message);
