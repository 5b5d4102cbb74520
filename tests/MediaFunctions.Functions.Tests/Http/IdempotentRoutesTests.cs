using MediaFunctions.Api.Idempotency;

namespace MediaFunctions.Functions.Tests.Http;

/// <summary>The list of routes that take an <c>Idempotency-Key</c> against the self-host's route table: a renamed route cannot drop out of it unnoticed.</summary>
public sealed class IdempotentRoutesTests
{
    [Fact]
    public void Paths_Each_IsAPostRouteOfTheSelfHost()
    {
        var posts = SelfHostRoute.All.Where(route => route.Method == "POST").Select(route => "/" + route.Template.Trim('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(IdempotentRoutes.Paths, path => Assert.Contains(path, posts));
    }
}
