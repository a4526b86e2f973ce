using FunctionalAD.Testing;

namespace FunctionalAD.Properties.Checking;

/// <summary>
/// The public rule checker (<see cref="RuleCheck"/>) raises no false alarm on the built-in catalogue: every elementwise
/// primitive, a member of each family, and the tensor operations pass on domains away from their kinks and edges.
/// </summary>
public sealed class RuleCheckCatalogueTests
{
    private static readonly RuleCheckOptions Quick = RuleCheckOptions.Default with { Cases = 25 };

    // Each primitive's domain: away from kinks (relu, abs, sign, min, max at ties), jumps (floor, round) and domain
    // edges (log, sqrt, asin, …), where a derivative is a convention and central differences straddle two branches.
    private static Domain[] DomainOf(Primitive primitive) => primitive.Name switch
    {
        "log" or "sqrt" or "log2" or "cbrt" => [Domain.Between(0.2, 3)],
        "pow" => [Domain.Between(0.2, 3), Domain.Between(-2, 2)],
        "div" => [Domain.Between(-2, 2), Domain.Between(0.5, 2)],
        "log1p" => [Domain.Between(-0.8, 2)],
        "asin" or "acos" or "atanh" => [Domain.Between(-0.8, 0.8)],
        "acosh" => [Domain.Between(1.2, 3)],
        "tan" => [Domain.Between(-1.2, 1.2)],
        "relu" or "abs" or "sign" or "elu" or "leaky_relu" => [Domain.Between(0.1, 2)],
        "floor" or "round" => [Domain.Between(0.1, 0.4)],
        "min" or "max" => [Domain.Between(0.5, 2), Domain.Between(-2, 0)],
        "atan2" or "hypot" => [Domain.Between(0.2, 2), Domain.Between(0.2, 2)],
        "clamp" => [Domain.Between(-0.9, 0.9)],
        _ => [Domain.Between(-2, 2)],
    };

    public static TheoryData<string> Elementwise()
    {
        var names = new TheoryData<string>();
        foreach (var p in Primitives.All) names.Add(p.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(Elementwise))]
    public void EveryCataloguePrimitivePasses(string name)
    {
        var primitive = Primitives.All.Single(p => p.Name == name);
        var report = RuleCheck.Elementwise(primitive, Quick, DomainOf(primitive));
        Assert.True(report.Passed, report.ToString());
        Assert.Equal(25, report.Cases);
    }

    [Fact]
    public void AMemberOfEachFamilyPasses()
    {
        foreach (var primitive in new[] { Primitives.PowerOf(3), Primitives.EluOf(1), Primitives.LeakyReluOf(0.1), Primitives.ClampOf(-1, 1) })
            Assert.True(RuleCheck.Elementwise(primitive, Quick, DomainOf(primitive)).Passed, primitive.ToString());
    }

    private static Primitive PrimitiveOf(Expr node) => ((ApplyNode)node).Primitive;

    [Fact]
    public void TheTensorOperationsPass()
    {
        var (m23, m32, v3) = (Expr.Input("p", Shape.Matrix(2, 3)), Expr.Input("q", Shape.Matrix(3, 2)), Expr.Input("r", Shape.Vector(3)));
        var cases = new (Primitive Primitive, Shape[] Shapes)[]
        {
            (PrimitiveOf(Expr.MatMul(m23, m32)), [Shape.Matrix(2, 3), Shape.Matrix(3, 2)]),
            (PrimitiveOf(Expr.MatMul(m23, v3)), [Shape.Matrix(2, 3), Shape.Vector(3)]),
            (PrimitiveOf(Expr.Dot(v3, v3)), [Shape.Vector(3), Shape.Vector(3)]),
            (PrimitiveOf(Expr.Transpose(m23)), [Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.Sum(m23, 1)), [Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.Mean(m23)), [Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.Softmax(m23, 1)), [Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.LogSoftmax(v3)), [Shape.Vector(3)]),
            (PrimitiveOf(Expr.LogSumExp(m23, 0)), [Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.MeanSquaredError(m23, m23)), [Shape.Matrix(2, 3), Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.Rows(m23, 1, 1)), [Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.Concat(m23, m23, 0)), [Shape.Matrix(2, 3), Shape.Matrix(2, 3)]),
            (PrimitiveOf(Expr.Reshape(m23, Shape.Vector(6))), [Shape.Matrix(2, 3)]),
        };
        foreach (var (primitive, shapes) in cases)
        {
            var report = RuleCheck.Tensor(primitive, shapes, Domain.Between(-2, 2), Quick with { Cases = 10 });
            Assert.True(report.Passed, report.ToString());
        }
    }
}
