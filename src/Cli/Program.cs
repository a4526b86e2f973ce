// The fad tool: see FadApp for the commands and docs/cli.md for their documentation.
using var signals = new FunctionalAD.Cli.SignalCancellation();
return FunctionalAD.Cli.FadApp.Run(args, Console.Out, Console.Error, signals.Token);
