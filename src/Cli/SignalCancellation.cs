using System.Runtime.InteropServices;

namespace FunctionalAD.Cli;

/// <summary>
/// Turns Ctrl+C (SIGINT) and SIGTERM into a cancellation the commands observe, so that a run stops cleanly: the
/// terminal is restored, the tool says what was saved, and it exits with <see cref="FadApp.Cancelled"/>. A second
/// signal ends the process at once, as a user pressing Ctrl+C again expects.
/// </summary>
internal sealed class SignalCancellation : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;

    public SignalCancellation() =>
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => source.Token;

    private void Handle(PosixSignalContext context)
    {
        if (source.IsCancellationRequested) return; // the second signal: the default action, termination
        context.Cancel = true;
        source.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
