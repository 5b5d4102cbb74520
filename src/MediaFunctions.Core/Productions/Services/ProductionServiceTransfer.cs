using System.Net.Http.Headers;
using System.Text;
using Azure.Storage.Blobs;
using MediaFunctions.Core.InlineStorage;
using MediaFunctions.Core.Jobs;
using MediaFunctions.Core.OAuth;
using MediaFunctions.Core.Sources.Egress;
using MediaFunctions.Core.Webhooks;
using Microsoft.Extensions.Options;

namespace MediaFunctions.Core.Productions.Services;

/// <summary>
/// Sends a production's results to one of its outgoing services: <c>http</c> PUTs each file to the base URL and its
/// name; <c>s3</c> and <c>azure</c> upload it under the prefix; <c>connected</c> POSTs the signed token of
/// <see cref="ConnectedServiceToken"/> to the app's webhook. Files are streamed from their read links to the service,
/// never held whole in memory. Every connection to a service goes through <see cref="GuardedConnector"/>.
/// Idempotent: sending again overwrites the same names.
/// </summary>
public sealed class ProductionServiceTransfer : IDisposable
{
    private readonly ProductionServiceStore _store;
    private readonly InlineStorageProtector _protector;
    private readonly ProductionServiceStorage _storage;
    private readonly GuardedHttpClient _services;
    private readonly Uri _ownStorage;
    private readonly IOAuthClientSecrets? _clientSecrets;
    private readonly TimeSpan _webhookTimeout;
    private readonly TimeProvider _timeProvider;

    // Reads only the service's own blob storage (checked per link), which the address rules do not govern.
    private readonly HttpClient _ownStorageReader = new() { Timeout = Timeout.InfiniteTimeSpan };

    /// <param name="clientSecrets">The OAuth apps' secrets; without them a connected service cannot be told (its transfer fails).</param>
    public ProductionServiceTransfer(ProductionServiceStore store, InlineStorageProtector protector, ProductionServiceStorage storage, GuardedHttpClient services,
        BlobServiceClient blobs, IOptions<WebhookOptions> webhookOptions, TimeProvider timeProvider, IOAuthClientSecrets? clientSecrets = null)
    {
        _store = store;
        _protector = protector;
        _storage = storage;
        _services = services;
        _ownStorage = blobs.Uri;
        _clientSecrets = clientSecrets;
        _webhookTimeout = webhookOptions.Value.RequestTimeout;
        _timeProvider = timeProvider;
    }

    /// <summary>Sends every file of <paramref name="transfer"/> (or, to a connected service, the production's token).</summary>
    /// <exception cref="UnusableServiceException"><paramref name="keyId"/> has no such service, or it is not outgoing.</exception>
    /// <exception cref="ArgumentException">A file name cannot name a file (<see cref="ServiceFileName.Normalize"/>) or a read link is not one of this service's blobs.</exception>
    /// <exception cref="ServiceTransferException">The service refused or answered an error; <see cref="ServiceTransferException.Retryable"/> tells whether to try again.</exception>
    /// <exception cref="HttpRequestException">A service or the own storage could not be reached (worth retrying).</exception>
    public async Task TransferAsync(string keyId, string serviceUuid, ServiceTransfer transfer, CancellationToken cancellationToken = default)
    {
        var service = await _store.GetAsync(keyId, serviceUuid, cancellationToken) ?? throw UnusableServiceException.Unknown(serviceUuid);
        if (!service.Outgoing)
        {
            throw UnusableServiceException.NotOutgoing(serviceUuid);
        }

        if (service.Type == ProductionServiceType.Connected)
        {
            await NotifyAppAsync(service, transfer.ProductionUuid, cancellationToken);
            return;
        }

        var files = transfer.Files.Select(file => (Name: CheckFile(file), File: file)).ToList();
        var target = service.Credentials is { } credentials ? await _protector.UnprotectAsync(credentials, cancellationToken) : null;
        foreach (var (name, file) in files)
        {
            using var source = await _ownStorageReader.GetAsync(file.ReadLink, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            source.EnsureSuccessStatusCode();
            await using var content = await source.Content.ReadAsStreamAsync(cancellationToken);
            if (target is null)
            {
                await PutAsync(service, name, file, content, cancellationToken);
                continue;
            }

            try
            {
                await _storage.UploadAsync(target, InlineStorageKeys.Combine(service.Settings.Prefix, name), content, file.Length, file.ContentType, cancellationToken);
            }
            catch (InvalidJobInputException refusal)
            {
                throw new ServiceTransferException(serviceUuid, $"Service '{serviceUuid}' refused '{name}': {refusal.Message}", null, retryable: false, refusal);
            }
        }
    }

    public void Dispose() => _ownStorageReader.Dispose();

    private async Task PutAsync(ProductionService service, string name, ServiceTransferFile file, Stream content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(new Uri(service.Settings.BaseUrl!), ServiceFileName.Escape(name)))
        {
            Content = new StreamContent(content),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(file.ContentType);
        request.Content.Headers.ContentLength = file.Length;
        using var response = await SendAsync(service, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw ServiceTransferException.Answered(service.Uuid, $"the upload of '{name}'", (int)response.StatusCode);
        }
    }

    private async Task NotifyAppAsync(ProductionService service, string productionUuid, CancellationToken cancellationToken)
    {
        var clientId = service.Settings.ClientId!;
        var secret = _clientSecrets is null ? null : await _clientSecrets.GetClientSecretAsync(clientId, cancellationToken);
        if (secret is null)
        {
            throw new ServiceTransferException(service.Uuid, $"Service '{service.Uuid}' cannot be told: the app that connected it is no longer registered.", null, retryable: false);
        }

        string token;
        try
        {
            token = ConnectedServiceToken.Create(secret, productionUuid, service.Settings.CustomData, _timeProvider.GetUtcNow());
        }
        catch (ArgumentException tooShort)
        {
            throw new ServiceTransferException(service.Uuid, $"Service '{service.Uuid}' cannot be told: {tooShort.Message}", null, retryable: false, tooShort);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, service.Settings.WebhookUrl) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(token)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(ConnectedServiceToken.MediaType);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_webhookTimeout);
        try
        {
            using var response = await SendAsync(service, request, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                throw ServiceTransferException.Answered(service.Uuid, "its webhook", (int)response.StatusCode);
            }
        }
        catch (OperationCanceledException timedOut) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ServiceTransferException(service.Uuid, $"Service '{service.Uuid}' did not answer its webhook within {_webhookTimeout.TotalSeconds:0.#} s.", null,
                retryable: true, timedOut);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(ProductionService service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _services.SendAsync(request, cancellationToken);
        }
        catch (InvalidJobInputException refusal)
        {
            // The address rules refused the service's host: it now resolves to a private address. Trying again will not help.
            throw new ServiceTransferException(service.Uuid, $"Service '{service.Uuid}' cannot be reached: {refusal.Message}", null, retryable: false, refusal);
        }
    }

    private string CheckFile(ServiceTransferFile file)
    {
        if (Uri.Compare(file.ReadLink, _ownStorage, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new ArgumentException($"The read link of '{file.FileName}' is not a blob of this service's storage.", nameof(file));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(file.Length);
        return ServiceFileName.Normalize(file.FileName) ?? throw new ArgumentException($"'{file.FileName}' cannot name a file on a service.", nameof(file));
    }
}
