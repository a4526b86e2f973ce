using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Core;

/// <summary>
/// The properties bite: for every primitive and every kind of wrong rule (<see cref="Mutants"/>), the
/// properties run over graphs in which the mutant replaces the primitive (and is forced to appear) and
/// must find a counterexample within <see cref="Cases.MutantBudget"/> cases.
/// </summary>
public class MutationTests
{
    public static TheoryData<string, string> AllMutants()
    {
        var data = new TheoryData<string, string>();
        foreach (var p in Mutants.Targets)
            foreach (var kind in Mutants.KindsFor(p)) data.Add(p.ToString(), kind);
        return data;
    }

    public static TheoryData<string> AllPrimitives() => [.. Mutants.Targets.Select(p => p.ToString())];

    /// <summary>
    /// A wrong JVP or VJP breaks forward = reverse, finite differences and the transpose identity, each on its
    /// own. A neighbour's rule is wrong in both modes alike, so forward = reverse and the transpose identity
    /// cannot see it by design; only finite differences can, and must.
    /// </summary>
    [Theory]
    [MemberData(nameof(AllMutants))]
    public void ThePropertiesCatchTheMutant(string primitive, string kind)
    {
        var original = Mutants.Targets.Single(p => p.ToString() == primitive);
        var options = OptionsWith(original, Mutants.Make(original, kind));
        if (kind != Mutants.NeighbourRule)
        {
            AssertCaught(options, GradientChecks.ForwardEqualsReverse);
            AssertCaught(options, c => GradientChecks.TransposeIdentity(c, -1.7, GradientChecks.FixedDirection(c)));
        }
        AssertCaught(options, GradientChecks.MatchesFiniteDifferences);
    }

    /// <summary>The control: with the right rule forced into every graph the same checks pass, so what the test above catches is the mutation.</summary>
    [Theory]
    [MemberData(nameof(AllPrimitives))]
    public void TheUnmutatedPrimitiveForcedIntoEveryGraphPasses(string primitive)
    {
        var original = Mutants.Targets.Single(p => p.ToString() == primitive);
        Cases.Check(Prop.ForAll(GraphGen.Arbitrary(OptionsWith(original, original)), GradientChecks.All), Cases.MutantBudget);
    }

    private static GraphOptions OptionsWith(Primitive original, Primitive replacement) => new()
    {
        Catalogue = [.. GraphOptions.DefaultCatalogue.Select(p => p.Equals(original) ? replacement : p)],
        Required = replacement,
    };

    private static void AssertCaught(GraphOptions options, Action<GraphCase> check)
    {
        var failure = Assert.ThrowsAny<Exception>(() =>
            Cases.Check(Prop.ForAll(GraphGen.Arbitrary(options), check), Cases.MutantBudget));
        Assert.Contains("Falsifiable", failure.Message);
        Assert.Contains(nameof(PropertyFailure), failure.Message); // a property failed, not the generator
    }
}
