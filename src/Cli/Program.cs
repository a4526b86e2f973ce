// The fad tool: see FadApp for the commands and docs/cli.md for their documentation.
return FunctionalAD.Cli.FadApp.Run(args, Console.Out, Console.Error);
