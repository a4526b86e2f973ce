using Spectre.Console;
using Spectre.Console.Rendering;

namespace FunctionalAD.Cli.Output;

/// <summary>
/// A section heading: a rule at most <see cref="Width"/> columns wide. A rule fills the width it is given, and
/// redirected output has no width limit (lines are not wrapped there), so the heading sets its own.
/// </summary>
internal sealed class Heading(string markup) : IRenderable
{
    public const int Width = 80;

    private readonly IRenderable rule = new Rule(markup).LeftJustified();

    public Measurement Measure(RenderOptions options, int maxWidth) => rule.Measure(options, Math.Min(maxWidth, Width));

    public IEnumerable<Segment> Render(RenderOptions options, int maxWidth) => rule.Render(options, Math.Min(maxWidth, Width));
}
