using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace MediaFunctions.Host.Tests;

[Collection(HostCollection.Name)]
public sealed class InstanceEndpointsTests(HostFixture fixture)
{
    [Fact]
    public async Task GetInstance_Running_Returns202WithLocationAndRetryAfter()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", new { size = 3 }, timeout.Token);

        var (status, body, response) = await InstanceApi.GetAsync(alice, id, timeout.Token);

        using (response)
        {
            Assert.Equal(HttpStatusCode.Accepted, status);
            Assert.Equal(new Uri(fixture.Host.BaseAddress, $"/api/instances/{id}"), response.Headers.Location);
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }

        Assert.Equal(InstanceApi.WaitForEvent, body.GetProperty("name").GetString());
        Assert.Equal(id, body.GetProperty("instanceId").GetString());
        Assert.Contains(body.GetProperty("runtimeStatus").GetString(), new[] { "Pending", "Running" });
        Assert.Equal(3, body.GetProperty("input").GetProperty("size").GetInt32());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("createdTime").GetString());
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", body.GetProperty("lastUpdatedTime").GetString());
        await TerminateAsync(alice, id, timeout.Token);
    }

    [Fact]
    public async Task GetInstance_Completed_Returns200WithOutputAsJsonValue()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", new { word = "hello", list = new[] { 1, 2 } }, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);

        var (status, body, response) = await InstanceApi.GetAsync(alice, id, timeout.Token);

        using (response)
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Null(response.Headers.Location);
        }

        var output = body.GetProperty("output");
        Assert.Equal(JsonValueKind.Object, output.ValueKind);
        Assert.Equal("hello", output.GetProperty("word").GetString());
        Assert.Equal(2, output.GetProperty("list").GetArrayLength());
        Assert.False(body.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task GetInstance_ShowHistory_ListsEventsAndOutputsOnlyWhenAsked()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", 42, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);

        var (_, withoutOutput, first) = await InstanceApi.GetAsync(alice, id, timeout.Token, "?showHistory=true");
        var (_, withOutput, second) = await InstanceApi.GetAsync(alice, id, timeout.Token, "?showHistory=true&showHistoryOutput=true&showInput=false");
        first.Dispose();
        second.Dispose();

        var events = withoutOutput.GetProperty("historyEvents").EnumerateArray().ToList();
        Assert.Contains(events, e => e.GetProperty("EventType").GetString() == "ExecutionStarted");
        Assert.DoesNotContain(events, e => e.TryGetProperty("Result", out _) || e.TryGetProperty("Input", out _));
        var completed = withOutput.GetProperty("historyEvents").EnumerateArray().Single(e => e.GetProperty("EventType").GetString() == "ExecutionCompleted");
        Assert.Equal(42, completed.GetProperty("Result").GetInt32());
        Assert.Equal(JsonValueKind.Null, withOutput.GetProperty("input").ValueKind);
    }

    [Fact]
    public async Task GetInstance_Unknown_Returns404Envelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);

        var (status, body, response) = await InstanceApi.GetAsync(alice, $"alice-{Guid.NewGuid():N}", timeout.Token);

        response.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal("not_found", body.GetProperty("error").GetProperty("code").GetString());
    }

    [Fact]
    public async Task EveryRoute_AnotherTenantsInstance_Returns404AndLeavesItAlone()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        using var bob = fixture.ClientFor(HostFixture.BobKey);
        var bobs = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "bob", null, timeout.Token);

        var (getStatus, _, getResponse) = await InstanceApi.GetAsync(alice, bobs, timeout.Token);
        getResponse.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, getStatus);
        foreach (var operation in new[] { "raiseEvent/go", "terminate", "suspend", "resume" })
        {
            var (status, body) = await InstanceApi.PostAsync(alice, $"/api/instances/{bobs}/{operation}", timeout.Token, new { });
            Assert.True(status == HttpStatusCode.NotFound, $"{operation}: {status} {body}");
        }

        using (var delete = await alice.DeleteAsync(new Uri($"/api/instances/{bobs}", UriKind.Relative), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }

        var (_, stillThere, bobResponse) = await InstanceApi.GetAsync(bob, bobs, timeout.Token);
        bobResponse.Dispose();
        Assert.Contains(stillThere.GetProperty("runtimeStatus").GetString(), new[] { "Pending", "Running" });
        await TerminateAsync(bob, bobs, timeout.Token);
    }

    [Fact]
    public async Task RaiseEvent_Running_Returns202AndInstanceCompletesWithTheEventData()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);

        var (status, _) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/raiseEvent/go", timeout.Token, new { answer = 42 });

        Assert.Equal(HttpStatusCode.Accepted, status);
        var completed = await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);
        Assert.Equal(42, completed.GetProperty("output").GetProperty("answer").GetInt32());
    }

    [Fact]
    public async Task RaiseEvent_FinishedInstance_Returns410()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", 1, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);

        var (status, body) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/raiseEvent/go", timeout.Token, 1);

        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Equal("gone", InstanceApi.ErrorCode(body));
    }

    [Fact]
    public async Task RaiseEvent_UnknownInstance_Returns404()
    {
        using var timeout = InstanceApi.Timeout();
        using var alice = fixture.ClientFor(HostFixture.AliceKey);

        var (status, _) = await InstanceApi.PostAsync(alice, $"/api/instances/alice-{Guid.NewGuid():N}/raiseEvent/go", timeout.Token, 1);

        Assert.Equal(HttpStatusCode.NotFound, status);
    }

    [Fact]
    public async Task RaiseEvent_MalformedJson_Returns400EnvelopeAndInstanceKeepsWaiting()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);

        using var response = await alice.PostAsync(new Uri($"/api/instances/{id}/raiseEvent/go", UriKind.Relative),
            new StringContent("{\"answer\": ", Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync(timeout.Token);
        Assert.Equal("invalid_json", InstanceApi.ErrorCode(body));
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        var (_, state, stateResponse) = await InstanceApi.GetAsync(alice, id, timeout.Token);
        stateResponse.Dispose();
        Assert.Contains(state.GetProperty("runtimeStatus").GetString(), new[] { "Pending", "Running" });
        await TerminateAsync(alice, id, timeout.Token);
    }

    [Fact]
    public async Task RaiseEvent_BodyOverTheLimit_Returns413Envelope()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);
        var tooLarge = "\"" + new string('x', 2 * 1024 * 1024) + "\"";

        using var response = await alice.PostAsync(new Uri($"/api/instances/{id}/raiseEvent/go", UriKind.Relative),
            new StringContent(tooLarge, Encoding.UTF8, "application/json"), timeout.Token);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("payload_too_large", InstanceApi.ErrorCode(await response.Content.ReadAsStringAsync(timeout.Token)));
        await TerminateAsync(alice, id, timeout.Token);
    }

    [Fact]
    public async Task Terminate_Running_Returns202ThenTerminatedThen410()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Timer, "alice", 600, timeout.Token);

        var (status, _) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/terminate?reason=enough", timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, status);
        var terminated = await InstanceApi.WaitForStatusAsync(alice, id, "Terminated", timeout.Token);
        Assert.Equal("enough", terminated.GetProperty("output").GetString());
        var (again, _) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/terminate", timeout.Token);
        Assert.Equal(HttpStatusCode.Gone, again);
    }

    [Fact]
    public async Task SuspendAndResume_Running_Returns202AndStatusFollows()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Timer, "alice", 600, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, id, "Running", timeout.Token);

        var (suspend, _) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/suspend?reason=pause", timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, suspend);
        await InstanceApi.WaitForStatusAsync(alice, id, "Suspended", timeout.Token);
        var (suspendedStatus, _, suspendedResponse) = await InstanceApi.GetAsync(alice, id, timeout.Token);
        suspendedResponse.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, suspendedStatus);

        var (resume, _) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/resume?reason=go", timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, resume);
        await InstanceApi.WaitForStatusAsync(alice, id, "Running", timeout.Token);
        await TerminateAsync(alice, id, timeout.Token);
    }

    [Theory]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task SuspendOrResume_FinishedInstance_Returns410AndUnknownReturns404(string operation)
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", 1, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);

        var (finished, _) = await InstanceApi.PostAsync(alice, $"/api/instances/{id}/{operation}", timeout.Token);
        var (unknown, _) = await InstanceApi.PostAsync(alice, $"/api/instances/alice-{Guid.NewGuid():N}/{operation}", timeout.Token);

        Assert.Equal(HttpStatusCode.Gone, finished);
        Assert.Equal(HttpStatusCode.NotFound, unknown);
    }

    [Fact]
    public async Task Delete_FinishedInstance_Returns200WithCountAndThenItIsGone()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", 1, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);

        using var delete = await alice.DeleteAsync(new Uri($"/api/instances/{id}", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(1, (await delete.Content.ReadFromJsonAsync<JsonElement>(timeout.Token)).GetProperty("instancesDeleted").GetInt32());
        var (status, _, response) = await InstanceApi.GetAsync(alice, id, timeout.Token);
        response.Dispose();
        Assert.Equal(HttpStatusCode.NotFound, status);
        using var again = await alice.DeleteAsync(new Uri($"/api/instances/{id}", UriKind.Relative), timeout.Token);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task Delete_RunningInstance_Returns412AndKeepsIt()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);

        using var delete = await alice.DeleteAsync(new Uri($"/api/instances/{id}", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.PreconditionFailed, delete.StatusCode);
        var (status, _, response) = await InstanceApi.GetAsync(alice, id, timeout.Token);
        response.Dispose();
        Assert.Equal(HttpStatusCode.Accepted, status);
        await TerminateAsync(alice, id, timeout.Token);
    }

    [Fact]
    public async Task List_TenantKey_ShowsOnlyTheCallersInstancesAndAdminSeesAll()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var alices = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", 1, timeout.Token);
        var bobs = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "bob", 1, timeout.Token);

        var aliceIds = await ListIdsAsync(alice, "/api/instances?top=1000", timeout.Token);
        var adminIds = await ListIdsAsync(admin, "/api/instances?top=1000", timeout.Token);
        var aliceAskingForBob = await ListIdsAsync(alice, "/api/instances?instanceIdPrefix=bob-", timeout.Token);

        Assert.Contains(alices, aliceIds);
        Assert.All(aliceIds, id => Assert.StartsWith("alice-", id, StringComparison.Ordinal));
        Assert.Contains(alices, adminIds);
        Assert.Contains(bobs, adminIds);
        Assert.Empty(aliceAskingForBob);
    }

    [Fact]
    public async Task List_TopAndContinuationToken_PagesThroughTheCallersInstances()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var carol = fixture.ClientFor(HostFixture.CarolKey);
        var started = new HashSet<string>();
        for (var i = 0; i < 3; i++)
        {
            started.Add(await InstanceApi.StartAsync(admin, InstanceApi.Echo, "carol", i, timeout.Token));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/instances?top=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await carol.SendAsync(request, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
            Assert.InRange(page.GetArrayLength(), 0, 2);
            seen.AddRange(page.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Null(token);
        Assert.True(pages >= 2, $"expected at least two pages, got {pages}");
        Assert.Superset(started, seen.ToHashSet());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task List_RuntimeStatusFilter_ReturnsOnlyThoseStatusesAndRejectsUnknownNames()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var done = await InstanceApi.StartAsync(admin, InstanceApi.Echo, "alice", 1, timeout.Token);
        var waiting = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, done, "Completed", timeout.Token);
        await InstanceApi.WaitForStatusAsync(alice, waiting, "Running", timeout.Token);

        var completed = await ListIdsAsync(alice, "/api/instances?runtimeStatus=Completed,Failed&top=1000", timeout.Token);
        using var bad = await alice.GetAsync(new Uri("/api/instances?runtimeStatus=Sleeping", UriKind.Relative), timeout.Token);

        Assert.Contains(done, completed);
        Assert.DoesNotContain(waiting, completed);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await TerminateAsync(alice, waiting, timeout.Token);
    }

    [Fact]
    public async Task DurablePath_SameRoutes_AnswerAsTheTenantRoutes()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        using var alice = fixture.ClientFor(HostFixture.AliceKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);
        var durable = "/runtime/webhooks/durabletask/instances";

        using var get = await alice.GetAsync(new Uri($"{durable}/{id}", UriKind.Relative), timeout.Token);
        var raise = await InstanceApi.PostAsync(alice, $"{durable}/{id}/raiseEvent/go", timeout.Token, "done");
        await InstanceApi.WaitForStatusAsync(alice, id, "Completed", timeout.Token);
        var list = await ListIdsAsync(alice, $"{durable}?top=1000", timeout.Token);
        using var delete = await alice.DeleteAsync(new Uri($"{durable}/{id}", UriKind.Relative), timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, get.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, raise.Status);
        Assert.Contains(id, list);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
    }

    [Fact]
    public async Task StartRoute_AdminKey_Returns202CheckStatusPayloadWithWorkingLinks()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);

        using var response = await admin.PostAsJsonAsync(
            new Uri($"/runtime/webhooks/durabletask/orchestrators/{InstanceApi.WaitForEvent}", UriKind.Relative), new { }, timeout.Token);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var payload = await response.Content.ReadFromJsonAsync<JsonElement>(timeout.Token);
        var id = payload.GetProperty("id").GetString()!;
        Assert.StartsWith("root-", id, StringComparison.Ordinal);
        var instance = new Uri(fixture.Host.BaseAddress, $"/api/instances/{id}").ToString();
        Assert.Equal(instance, payload.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instance + "/raiseEvent/{eventName}", payload.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instance + "/terminate?reason={text}", payload.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instance, payload.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(instance + "/suspend?reason={text}", payload.GetProperty("suspendPostUri").GetString());
        Assert.Equal(instance + "/resume?reason={text}", payload.GetProperty("resumePostUri").GetString());
        Assert.Equal(new Uri(instance), response.Headers.Location);

        using var raise = await admin.PostAsJsonAsync(new Uri(payload.GetProperty("sendEventPostUri").GetString()!.Replace("{eventName}", "go", StringComparison.Ordinal)), 7, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, raise.StatusCode);
        var completed = await InstanceApi.WaitForStatusAsync(admin, id, "Completed", timeout.Token);
        Assert.Equal(7, completed.GetProperty("output").GetInt32());
    }

    [Fact]
    public async Task StartRoute_UnknownOrchestratorOrLiveId_Returns400Or409()
    {
        using var timeout = InstanceApi.Timeout();
        using var admin = fixture.ClientFor(HostFixture.AdminKey);
        var id = await InstanceApi.StartAsync(admin, InstanceApi.WaitForEvent, "alice", null, timeout.Token);

        var (unknown, unknownBody) = await InstanceApi.PostAsync(admin, "/runtime/webhooks/durabletask/orchestrators/No.Such.Thing", timeout.Token, 1);
        var (taken, takenBody) = await InstanceApi.PostAsync(admin, $"/runtime/webhooks/durabletask/orchestrators/{InstanceApi.WaitForEvent}/{id}", timeout.Token, 1);

        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Equal("bad_request", InstanceApi.ErrorCode(unknownBody));
        Assert.Equal(HttpStatusCode.Conflict, taken);
        Assert.Equal("conflict", InstanceApi.ErrorCode(takenBody));
        await TerminateAsync(admin, id, timeout.Token);
    }

    private static async Task<List<string>> ListIdsAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var page = await client.GetFromJsonAsync<JsonElement>(new Uri(path, UriKind.Relative), cancellationToken);
        return [.. page.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!)];
    }

    private static async Task TerminateAsync(HttpClient client, string instanceId, CancellationToken cancellationToken)
    {
        var (status, body) = await InstanceApi.PostAsync(client, $"/api/instances/{instanceId}/terminate?reason=test+cleanup", cancellationToken);
        Assert.True(status is HttpStatusCode.Accepted or HttpStatusCode.Gone, $"cleanup: {status} {body}");
    }
}
