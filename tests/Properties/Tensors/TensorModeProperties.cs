using FsCheck;
using FsCheck.Fluent;
using FunctionalAD.Properties.Generators;
using FunctionalAD.Properties.Support;

namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// On random well-shaped tensor graphs: the full Jacobian from forward mode (JVPs on basis tangents) equals the one
/// from reverse mode (VJPs on basis cotangents); both equal central finite differences; ⟨u, Jv⟩ = ⟨Jᵀu, v⟩.
/// Each runs <see cref="Cases.Default"/> cases, like the scalar properties.
/// </summary>
public class TensorModeProperties
{
    [Fact]
    public void ForwardJacobianEqualsReverseJacobian() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), TensorChecks.ForwardEqualsReverse), Cases.Count());

    [Fact]
    public void BothModesMatchCentralFiniteDifferences() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), TensorChecks.MatchesFiniteDifferences), Cases.Count());

    [Fact]
    public void JvpAndVjpAreTransposes() =>
        Cases.Check(Prop.ForAll(TensorGraphGen.Arbitrary(), Arb.From(Gen.Choose(0, int.MaxValue - 1)), (c, seed) =>
            TensorChecks.TransposeIdentity(c, new Random(seed))), Cases.Count());
}
