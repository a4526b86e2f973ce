namespace FunctionalAD.Properties.Tensors;

/// <summary>
/// <c>FUNCTIONALAD_BLAS</c>: the setting is parsed with clear errors, and each choice picks what it says. The tests go
/// through <see cref="LinearAlgebra.Choose"/>, which takes the setting, never through the process environment.
/// </summary>
public class LinearAlgebraSettingTests
{
    [Theory]
    [InlineData(null, "Auto")]
    [InlineData("", "Auto")]
    [InlineData(" auto ", "Auto")]
    [InlineData("Managed", "Managed")]
    [InlineData("NATIVE", "Native")]
    [InlineData("/opt/openblas/lib/libopenblas.so.0", "Path")]
    [InlineData("libblas.so.3", "Path")]
    [InlineData(@"C:\blas\libopenblas.dll", "Path")]
    public void SettingsAreParsed(string? value, string kind) =>
        Assert.Equal(kind, BlasSetting.Parse(value).Kind.ToString());

    [Theory]
    [InlineData("fast")]
    [InlineData("openblas")]
    [InlineData("yes")]
    public void AnUnknownSettingIsAClearError(string value)
    {
        var error = Assert.Throws<InvalidOperationException>(() => LinearAlgebra.Choose(value));
        Assert.Contains("FUNCTIONALAD_BLAS", error.Message);
        Assert.Contains($"'{value}'", error.Message);
        Assert.Contains("auto", error.Message);
        Assert.Contains("managed", error.Message);
        Assert.Contains("native", error.Message);
        Assert.EndsWith("cblas_dgemm and cblas_dgemv.", error.Message); // one sentence, no parameter name appended
    }

    [Fact]
    public void ALibraryThatDoesNotLoadIsNamed()
    {
        var error = Assert.Throws<InvalidOperationException>(() => LinearAlgebra.Choose("/no/such/folder/libopenblas.so.0"));
        Assert.Contains("/no/such/folder/libopenblas.so.0", error.Message);
        Assert.Contains("not found", error.Message);
    }

    [Fact]
    public void ALibraryWithoutCblasIsNamed()
    {
        // The C library loads everywhere on Linux and exports no BLAS.
        if (!OperatingSystem.IsLinux()) return;
        var libc = new[] { "/lib/x86_64-linux-gnu/libc.so.6", "/lib/aarch64-linux-gnu/libc.so.6", "/lib64/libc.so.6" }.FirstOrDefault(File.Exists);
        if (libc is null) return;
        var error = Assert.Throws<InvalidOperationException>(() => LinearAlgebra.Choose(libc));
        Assert.Contains($"{libc}: loads but does not export cblas_dgemm", error.Message);
    }

    [Fact]
    public void ManagedIsManaged()
    {
        var choice = LinearAlgebra.Choose("managed");
        Assert.Same(ManagedProducts.Instance, choice.Products);
        Assert.False(choice.Products.IsNative);
        Assert.StartsWith("managed", choice.Description);
    }

    /// <summary>
    /// Auto takes a tuned native BLAS or the managed kernels, never the reference BLAS. Where OpenBLAS is known to be
    /// installed (CI installs Debian's libopenblas0-pthread and sets <c>FUNCTIONALAD_EXPECT_OPENBLAS=1</c>), auto must take it.
    /// </summary>
    [Fact]
    public void AutoTakesOnlyATunedNativeBlas()
    {
        var choice = LinearAlgebra.Choose("auto");
        if (choice.Products is NativeBlas native) Assert.True(native.IsOptimised, choice.Description);
        else Assert.Same(ManagedProducts.Instance, choice.Products);
        if (Environment.GetEnvironmentVariable("FUNCTIONALAD_EXPECT_OPENBLAS") == "1")
        {
            Assert.IsType<NativeBlas>(choice.Products);
            Assert.Contains("openblas", choice.Description, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void NativeTakesAnyNativeBlasOrNamesWhatItTried()
    {
        try
        {
            var choice = LinearAlgebra.Choose("native");
            Assert.True(choice.Products.IsNative);
            Assert.StartsWith("native BLAS (", choice.Description);
        }
        catch (InvalidOperationException error)
        {
            Assert.Contains("FUNCTIONALAD_BLAS=native", error.Message);
            Assert.Contains("tried", error.Message);
        }
    }

    [Fact]
    public void ThePathOfANativeBlasIsTaken()
    {
        if (LinearAlgebraProperties.Native() is not NativeBlas native || !native.Library.Contains('/')) return;
        var choice = LinearAlgebra.Choose(native.Library);
        Assert.True(choice.Products.IsNative);
        Assert.Contains(native.Library, choice.Description);
    }

    [Fact]
    public void TheBackendIsDescribed() =>
        Assert.Matches("^(managed|native BLAS) ", LinearAlgebra.Backend);
}
