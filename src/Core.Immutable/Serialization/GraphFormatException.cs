namespace FunctionalAD;

/// <summary>
/// A FunctionalAD JSON document — a graph (<see cref="GraphJson"/>) or a parameter set
/// (<see cref="ParameterJson"/>) — is malformed or breaks a limit. Says what is wrong and where: the JSON
/// path of the offending element and its line and column in the document (and the file, if one was read).
/// </summary>
public sealed class GraphFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problem">What is wrong, e.g. <c>no node has id 9</c>.</param>
    /// <param name="path">The JSON path of the offending element, e.g. <c>$.nodes[3].args[1]</c>.</param>
    /// <param name="line">The 1-based line of the offending token; 0 when unknown.</param>
    /// <param name="column">The 1-based byte column of the offending token in its line; 0 when unknown.</param>
    /// <param name="file">The file read, or null when the document came from a string.</param>
    /// <param name="inner">The exception that revealed the problem, if any (e.g. a JSON syntax error).</param>
    public GraphFormatException(string problem, string path, long line, long column, string? file = null, Exception? inner = null)
        : base(Describe(problem, path, line, column, file), inner)
    {
        Problem = problem ?? throw new ArgumentNullException(nameof(problem));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Line = line;
        Column = column;
        File = file;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The JSON path of the offending element, e.g. <c>$.nodes[3].args[1]</c>; <c>$</c> for the whole document.</summary>
    public string Path { get; }

    /// <summary>The 1-based line of the offending token; 0 when unknown.</summary>
    public long Line { get; }

    /// <summary>The 1-based byte column of the offending token in its line; 0 when unknown.</summary>
    public long Column { get; }

    /// <summary>The file read, or null when the document came from a string.</summary>
    public string? File { get; }

    /// <summary>The same problem, located in <paramref name="file"/>.</summary>
    internal GraphFormatException InFile(string file) => new(Problem, Path, Line, Column, file, InnerException);

    private static string Describe(string problem, string path, long line, long column, string? file)
    {
        var where = line > 0 ? $"{path} (line {line}, column {column})" : path;
        return file is null
            ? $"Invalid FunctionalAD document at {where}: {problem}"
            : $"Invalid FunctionalAD document '{file}' at {where}: {problem}";
    }
}
