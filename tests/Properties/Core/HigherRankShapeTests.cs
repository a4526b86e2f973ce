namespace FunctionalAD.Properties.Core;

/// <summary>
/// Shapes, graph nodes and values carry any rank; an operation that takes matrices only refuses a higher rank when it
/// is built, with an error that names the operation and the shape.
/// </summary>
public class HigherRankShapeTests
{
    private static readonly Shape Images = Shape.Of(64, 1, 28, 28);

    [Fact]
    public void AShapeOfAnyRankKnowsItsDimensions()
    {
        var shape = Shape.Of(2, 3, 4);
        Assert.Equal(3, shape.Rank);
        Assert.Equal(24, shape.Count);
        Assert.Equal(new[] { 2, 3, 4 }, shape.Dimensions.ToArray());
        Assert.Equal(4, shape[2]);
        Assert.Equal("2×3×4", shape.ToString());
        Assert.False(shape.IsScalar);
        Assert.Equal(Shape.Of(2, 3, 4), shape);
        Assert.NotEqual(Shape.Of(4, 3, 2), shape);
        Assert.Equal(4, Images.Rank);
        Assert.Throws<ArgumentOutOfRangeException>(() => shape[3]);
    }

    [Fact]
    public void TheLowRanksAreTheShapesTheyAlwaysWere()
    {
        Assert.Equal(Shape.Scalar, Shape.Of());
        Assert.Equal(Shape.Vector(5), Shape.Of(5));
        Assert.Equal(Shape.Matrix(3, 4), Shape.Of(3, 4));
        Assert.Equal(new[] { 3, 4 }, Shape.Matrix(3, 4).Dimensions.ToArray());
        Assert.Empty(Shape.Scalar.Dimensions);
    }

    [Fact]
    public void ADimensionBelowOneOrTooManyElementsIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Of(2, 0, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Shape.Of(65536, 65536, 2));
    }

    [Fact]
    public void AGraphInputMayHaveAnyRank()
    {
        var images = Expr.Input("images", Images);
        Assert.Equal(Images, images.Shape);
        Assert.Equal("images", images.ToString());
        var read = GraphJson.Deserialize(GraphJson.Serialize(images));
        Assert.Equal(images, read);
        Assert.Equal(Images, read.Shape);
    }

    [Fact]
    public void AnOperationThatTakesMatricesRefusesHigherRanksWhenBuiltNamingTheOperationAndTheShape()
    {
        var images = Expr.Input("images", Images);
        var product = Assert.Throws<ShapeMismatchException>(() => Expr.MatMul(images, Expr.Input("W", Shape.Matrix(27, 10))));
        Assert.StartsWith("MatMul:", product.Message);
        Assert.Contains("64×1×28×28", product.Message);
        var transpose = Assert.Throws<ShapeMismatchException>(() => Expr.Transpose(images));
        Assert.Contains("64×1×28×28", transpose.Message);
        var where = Assert.Throws<ShapeMismatchException>(() => Expr.Where(Expr.Input("c", Shape.Vector(3)), images, Expr.Constant(0.0)));
        Assert.Contains("3", where.Message);
        Assert.Contains("64×1×28×28", where.Message);
    }

    [Fact]
    public void ElementwiseOperationsTakeAnyRank()
    {
        var images = Expr.Input("images", Images);
        Assert.Equal(Images, Expr.Tanh(images).Shape);
        Assert.Equal(Images, (images * Expr.Input("scale", Shape.Of(1, 28, 1))).Shape);
        Assert.Equal(Shape.Of(64, 3, 28, 28), (images + Expr.Input("bias", Shape.Of(3, 1, 1))).Shape);
    }
}
