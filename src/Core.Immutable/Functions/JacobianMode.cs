namespace FunctionalAD;

/// <summary>How <see cref="Transform.Jacobian(IVectorFunction, ReadOnlySpan{double}, JacobianMode)"/> and <see cref="Transform.Jacobian(Expr, Bindings, JacobianMode)"/> build a Jacobian.</summary>
public enum JacobianMode
{
    /// <summary>By shape: forward columns when there are no more inputs than outputs, reverse rows otherwise.</summary>
    Auto,

    /// <summary>One forward-mode JVP per input: the Jacobian column by column.</summary>
    Forward,

    /// <summary>One recorded evaluation and one backward sweep per output: the Jacobian row by row.</summary>
    Reverse,
}
