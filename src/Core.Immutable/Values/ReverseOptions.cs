namespace FunctionalAD;

/// <summary>What reverse mode keeps of a loop's steps for its backward sweep.</summary>
public enum LoopCheckpointing
{
    /// <summary>
    /// The default: a checkpoint of the carry every ⌈√N⌉ steps of an N-step loop, kept by the forward sweep; the
    /// backward sweep recomputes one segment at a time from its checkpoint and runs the body's VJP back through it.
    /// Memory O(√N) states, one extra forward pass.
    /// </summary>
    SquareRoot,

    /// <summary>Every step's body values, kept by the forward sweep: no recomputation, memory O(N) body evaluations.</summary>
    EveryStep,

    /// <summary>
    /// Griewank's binomial checkpointing (revolve) with at most <see cref="ReverseOptions.CheckpointBudget"/> carries
    /// kept at once: the fewest recomputed steps for that memory.
    /// </summary>
    Binomial,
}

/// <summary>
/// Options of reverse mode that change what it keeps in memory, never its result: the same gradient, bit for bit,
/// whichever is chosen. Passed to <see cref="Reverse.Grad(Expr, Bindings, ReverseOptions)"/> and its siblings; the graph
/// is not changed.
/// </summary>
public sealed record ReverseOptions
{
    private readonly int checkpointBudget = 16;

    /// <summary>The defaults: loops keep √N checkpoints (<see cref="LoopCheckpointing.SquareRoot"/>).</summary>
    public static ReverseOptions Default { get; } = new();

    /// <summary>Loops keep every step (<see cref="LoopCheckpointing.EveryStep"/>).</summary>
    public static ReverseOptions StoreEveryStep { get; } = new() { Checkpointing = LoopCheckpointing.EveryStep };

    /// <summary>Loops keep at most <paramref name="states"/> carries at once (<see cref="LoopCheckpointing.Binomial"/>).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="states"/> is less than 1.</exception>
    public static ReverseOptions WithBudget(int states) => new() { Checkpointing = LoopCheckpointing.Binomial, CheckpointBudget = states };

    /// <summary>What a loop keeps for its backward sweep.</summary>
    public LoopCheckpointing Checkpointing { get; init; } = LoopCheckpointing.SquareRoot;

    /// <summary>With <see cref="LoopCheckpointing.Binomial"/>: the most carries kept at once, at least 1 (16 unless set).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The budget is less than 1.</exception>
    public int CheckpointBudget
    {
        get => checkpointBudget;
        init => checkpointBudget = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(CheckpointBudget), value, "A checkpoint budget keeps at least one carry.");
    }
}
