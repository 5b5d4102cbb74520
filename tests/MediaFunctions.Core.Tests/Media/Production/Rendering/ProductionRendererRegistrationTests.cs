using MediaFunctions.Core.Media;
using MediaFunctions.Core.Media.Production.Rendering;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MediaFunctions.Core.Tests.Media.Production.Rendering;

public sealed class ProductionRendererRegistrationTests
{
    [Fact]
    public void AddMedia_ProductionRenderer_Resolvable()
    {
        using var services = new ServiceCollection().AddMedia(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.NotNull(services.GetRequiredService<ProductionRenderer>());
    }
}
