namespace FunctionalAD;

/// <summary>
/// Calls back after full (generation 2) collections, as long as the callback returns true: an unreachable object
/// whose finalizer runs after each collection that reaches its generation, and registers it again. Once the
/// object has been promoted to generation 2 that is only full collections (the first few calls may follow
/// younger ones). Used to let pooled memory go when it is no longer needed.
/// </summary>
internal sealed class Gen2Callback
{
    private readonly Func<bool> callback;

    private Gen2Callback(Func<bool> callback) => this.callback = callback;

    /// <summary>Starts calling <paramref name="callback"/> after collections until it returns false.</summary>
    public static void Register(Func<bool> callback) => _ = new Gen2Callback(callback);

    /// <summary>Runs the callback and stays registered while it asks to.</summary>
    ~Gen2Callback()
    {
        bool again;
        try
        {
            again = callback();
        }
        catch (Exception)
        {
            again = false; // a failing callback must not take the finalizer thread down
        }
        if (again) GC.ReRegisterForFinalize(this);
    }
}
