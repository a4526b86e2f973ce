using System.Collections.Immutable;
using System.Runtime.ExceptionServices;
using FsCheck;
using FsCheck.Fluent;

namespace FunctionalAD.Testing;

/// <summary>
/// Checks a derivative rule — a primitive (built-in or one's own) or a custom derivative — the way FunctionalAD's own
/// test suite checks the built-in ones: at random points of a domain, FsCheck runs <see cref="GradientCheck"/> (forward
/// mode, reverse mode, central differences, the transpose identity and the second derivative), and a failing point is
/// shrunk towards the simplest numbers of the domain that still fail.
/// </summary>
/// <example><code>RuleCheck.Elementwise(Log1pExp, Domain.Between(-5, 5)).ThrowIfFailed();</code></example>
public static class RuleCheck
{
    /// <summary>Checks an elementwise primitive of one or two arguments, with one domain per argument (or one for all).</summary>
    /// <exception cref="ArgumentException">The number of domains is neither 1 nor the primitive's arity.</exception>
    public static RuleCheckReport Elementwise(Primitive primitive, params Domain[] domains) =>
        Elementwise(primitive, RuleCheckOptions.Default, domains);

    /// <summary>Checks an elementwise primitive with the given options.</summary>
    /// <exception cref="ArgumentException">The number of domains is neither 1 nor the primitive's arity.</exception>
    public static RuleCheckReport Elementwise(Primitive primitive, RuleCheckOptions options, params Domain[] domains)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        return Run(primitive.Name, [.. Enumerable.Repeat(Shape.Scalar, primitive.Arity)], Spread(domains, primitive.Arity, primitive.Name),
            arguments => Expr.Apply(primitive, arguments), options);
    }

    /// <summary>Checks a tensor primitive on arguments of <paramref name="shapes"/>, every element drawn from <paramref name="domain"/>.</summary>
    public static RuleCheckReport Tensor(Primitive primitive, IReadOnlyList<Shape> shapes, Domain domain, RuleCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(primitive);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(domain);
        return Run(primitive.Name, [.. shapes], [.. shapes.Select(_ => domain)], arguments => Expr.Apply(primitive, arguments), options ?? RuleCheckOptions.Default);
    }

    /// <summary>Checks a custom derivative on arguments of <paramref name="shapes"/>, every element drawn from <paramref name="domain"/>.</summary>
    public static RuleCheckReport Custom(CustomDerivative derivative, IReadOnlyList<Shape> shapes, Domain domain, RuleCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(derivative);
        ArgumentNullException.ThrowIfNull(shapes);
        ArgumentNullException.ThrowIfNull(domain);
        return Run(derivative.Name, [.. shapes], [.. shapes.Select(_ => domain)], arguments => derivative.Apply(arguments), options ?? RuleCheckOptions.Default);
    }

    private static ImmutableArray<Domain> Spread(Domain[] domains, int arity, string name)
    {
        ArgumentNullException.ThrowIfNull(domains);
        return domains.Length == arity ? [.. domains]
            : domains.Length == 1 ? [.. Enumerable.Repeat(domains[0], arity)]
            : throw new ArgumentException($"'{name}' takes {arity} argument(s): give one domain for each, or one for all, not {domains.Length}.", nameof(domains));
    }

    private static RuleCheckReport Run(string subject, ImmutableArray<Shape> shapes, ImmutableArray<Domain> domains, Func<Expr[], Expr> build, RuleCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var names = shapes.Select((_, i) => ((char)('a' + i)).ToString()).ToArray();
        var output = build([.. names.Select((name, i) => Expr.Input(name, shapes[i]))]);
        // A tensor output is also checked through a weighted sum, so that its second derivative is checked too.
        var weights = output.Shape.IsScalar ? null : Expr.Constant(FunctionalAD.Tensor.Create(output.Shape, (i, j) => 0.5 + 0.25 * ((3 * i + 7 * j) % 5)));
        var elementDomains = shapes.SelectMany((shape, i) => Enumerable.Repeat(domains[i], shape.Count)).ToImmutableArray();

        Bindings At(double[] point)
        {
            var at = Bindings.Empty;
            var offset = 0;
            for (var i = 0; i < names.Length; i++)
            {
                at = at.With(names[i], FunctionalAD.Tensor.Of(point.AsSpan(offset, shapes[i].Count), shapes[i]));
                offset += shapes[i].Count;
            }
            return at;
        }

        GradientCheckReport CheckAt(double[] point)
        {
            var at = At(point);
            if (weights is null) return GradientCheck.Of(output, at, options.Gradient);
            var first = GradientCheck.Of(output, at, options.Gradient with { SecondOrder = false });
            return first.Passed ? GradientCheck.Of(Expr.Sum(weights * output), at, options.Gradient) : first;
        }

        var tried = 0;
        double[]? failing = null;
        GradientCheckReport? failure = null;
        Exception? error = null;
        var arbitrary = Arb.From(Gen.Choose(0, int.MaxValue - 1).Select(seed => Draw(elementDomains, seed)), point => Shrink(point, elementDomains));
        var property = Prop.ForAll(arbitrary, point =>
        {
            if (error is not null) return true;
            if (failure is null) tried++;
            try
            {
                var report = CheckAt(point);
                if (report.Passed) return true;
                (failing, failure) = (point, report);   // the last failure FsCheck sees is the shrunk one
                return false;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                error = e;
                return true;
            }
        });
        try
        {
            property.Check(Config.QuickThrowOnFailure.WithMaxTest(options.Cases).WithQuietOnSuccess(true));
        }
        catch (Exception) when (failure is not null)
        {
            // FsCheck's own report of the falsified property: ours, built from the shrunk point, says more.
        }
        if (error is not null) ExceptionDispatchInfo.Capture(error).Throw();
        return failure is null ? new(subject, tried, [], null) : new(subject, tried, [.. failing!], failure);
    }

    private static double[] Draw(ImmutableArray<Domain> domains, int seed)
    {
        var random = new Random(seed);
        return [.. domains.Select(d => d.Min + (d.Max - d.Min) * random.NextDouble())];
    }

    // Each element towards its domain's simplest number: that number itself, halfway there, and the element rounded.
    private static IEnumerable<double[]> Shrink(double[] point, ImmutableArray<Domain> domains)
    {
        for (var i = 0; i < point.Length; i++)
        {
            var domain = domains[i];
            var candidates = new[] { domain.Simplest, (point[i] + domain.Simplest) / 2, Math.Round(point[i]), Math.Round(point[i], 1), Math.Round(point[i], 3) };
            foreach (var candidate in candidates.Distinct())
            {
                if (candidate == point[i] || candidate < domain.Min || candidate > domain.Max) continue;
                if (Math.Abs(candidate - domain.Simplest) >= Math.Abs(point[i] - domain.Simplest) && Digits(candidate) >= Digits(point[i])) continue;
                var shrunk = (double[])point.Clone();
                shrunk[i] = candidate;
                yield return shrunk;
            }
        }
    }

    // How many decimals a number needs (up to 17): a rounded number is simpler.
    private static int Digits(double value)
    {
        for (var digits = 0; digits < 17; digits++)
            if (Math.Round(value, digits) == value) return digits;
        return 17;
    }
}
