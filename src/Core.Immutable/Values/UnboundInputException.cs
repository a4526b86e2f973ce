using System.Collections.Immutable;

namespace FunctionalAD;

/// <summary>A graph was evaluated without a value for one of its inputs.</summary>
public sealed class UnboundInputException : KeyNotFoundException
{
    /// <summary>Creates the exception for <paramref name="inputName"/>.</summary>
    public UnboundInputException(string inputName, ImmutableArray<string> graphInputs)
        : base($"The input '{inputName}' has no value: bind every input of the graph ({NamedValues.ListNames(graphInputs)}).")
    {
        InputName = inputName ?? throw new ArgumentNullException(nameof(inputName));
        GraphInputs = graphInputs;
    }

    /// <summary>The input that has no value.</summary>
    public string InputName { get; }

    /// <summary>All the inputs of the graph.</summary>
    public ImmutableArray<string> GraphInputs { get; }
}
