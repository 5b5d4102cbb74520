namespace MediaFunctions.Core.Media.Production.Rendering;
public sealed class ProductionRenderer
{
    public Task<IReadOnlyList<RenderedProductionFile>> RenderAsync(ProductionRenderSpec spec, CancellationToken cancellationToken) => throw new NotImplementedException();
}
public static class ProductionFormats
{
    public static (string Ending, int X) Get(string format) => throw new NotImplementedException();
}
