namespace FunctionalAD;

/// <summary>A mode of differentiation.</summary>
public enum DifferentiationMode
{
    /// <summary>Forward mode: values and tangents, one sweep per input (<see cref="Forward"/>).</summary>
    Forward,
    /// <summary>Reverse mode: values, then cotangents swept back from the output (<see cref="Reverse"/>).</summary>
    Reverse,
}
