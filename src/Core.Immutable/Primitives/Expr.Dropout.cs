namespace FunctionalAD;

// Building graphs with random masks drawn from an explicit key, so that a graph stays a pure function of its inputs.
public abstract partial class Expr
{
    /// <summary>
    /// Dropout: <paramref name="x"/> ⊙ mask / (1 − <paramref name="rate"/>), where each element of the mask is 0 with
    /// probability rate and 1 otherwise, drawn from the value of <paramref name="key"/> (a scalar, usually an input): the
    /// same key gives the same mask, another key another, so the graph stays a pure function of its inputs (as JAX's
    /// PRNGKey). Feed a new key at each training step. The derivative in x is the same mask and scale; the key gets none.
    /// A rate of 0 is x itself.
    /// </summary>
    /// <param name="x">The tensor to drop elements from.</param>
    /// <param name="rate">The probability that an element is dropped, in [0, 1).</param>
    /// <param name="key">A scalar whose value chooses the mask.</param>
    /// <example><code>Expr.Dropout(hidden, 0.5, Expr.Input("key"))</code></example>
    /// <exception cref="ArgumentOutOfRangeException">The rate is not in [0, 1).</exception>
    /// <exception cref="ShapeMismatchException">The key is not a scalar; the message names both shapes.</exception>
    public static Expr Dropout(Expr x, double rate, Expr key)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(key);
        if (!(rate is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(rate), rate, $"Dropout: the rate is a probability in [0, 1), not {rate}.");
        var operation = new DropoutOperation(rate);
        operation.OutputShape(x.Shape, key.Shape); // the key is checked even where the rate makes dropout the identity
        return rate == 0 ? x : Operate(operation, x, key);
    }
}
