namespace FunctionalAD;

/// <summary>
/// The one piece of a <see cref="Training"/> that depends on the kind of model: the model and its data, how given
/// parameters are checked, and how a run's batches are made and their loss and gradient computed. Everything else —
/// the settings and the epoch loop — is the same for every kind.
/// </summary>
internal abstract record Learner
{
    /// <summary>The parameters a run starts from when none are given.</summary>
    public abstract Bindings DefaultParameters { get; }

    /// <summary>Refuses, naming the problem, parameters that do not fit the model.</summary>
    /// <exception cref="ArgumentException">A name is not a parameter, or a value has the wrong shape.</exception>
    public abstract void Check(Bindings parameters, string argument);

    /// <summary>The losses and gradients of a run of <paramref name="training"/>, after checking its data against its loss.</summary>
    /// <exception cref="InvalidOperationException">Something the run needs was not given.</exception>
    public abstract TrainingProblem Prepare(Training training);

    /// <summary>This learner as a graph model's, or for a network a clear error naming <paramref name="call"/> and the call to use <paramref name="instead"/>.</summary>
    /// <exception cref="InvalidOperationException">The model is a network.</exception>
    public GraphLearner ForGraph(string call, string instead) => this as GraphLearner ?? throw new InvalidOperationException(
        $"{call} gives rows of bindings, which a graph model trains on; the network {((NetworkLearner)this).Model} trains on a features matrix and its targets: use {instead}.");

    /// <summary>This learner as a network's, or for a graph model a clear error naming <paramref name="call"/> and the call to use <paramref name="instead"/>.</summary>
    /// <exception cref="InvalidOperationException">The model is a graph.</exception>
    public NetworkLearner ForNetwork(string call, string instead) => this as NetworkLearner ?? throw new InvalidOperationException(
        $"{call} gives a features matrix, which a network trains on; the graph model {((GraphLearner)this).Model} trains on rows of bindings that name its inputs: use {instead}.");
}
