// MediaFunctions on Azure: a Flex Consumption Functions app running the API and Durable Functions,
// one storage account reached through a managed identity, and Application Insights.
// `azd up` deploys it with main.parameters.json; every name can be overridden by a parameter.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('The azd environment name; it names the resource group and seeds the resource token.')
param environmentName string

@minLength(1)
@description('Region of every resource; it must offer Flex Consumption.')
param location string

@description('Id of the user running azd, given data roles on the storage account; empty for none.')
param principalId string = ''

@description('Kind of principalId.')
@allowed(['User', 'Group', 'ServicePrincipal'])
param principalType string = 'User'

@description('Tenant API keys created or updated at start: id=SECRET;id2=SECRET2 (Auth__BootstrapKeys).')
@secure()
param bootstrapKeys string = ''

@description('Admin API keys, same syntax (Auth__AdminKeys).')
@secure()
param adminKeys string = ''

@description('A whisper.cpp ggml model for speech recognition in every language Whisper knows, as an https URL (a blob with a SAS token) fetched once per instance (Speech__WhisperModelPath). Empty: speech recognition is listed as not applied (pocketsphinx is not on the Functions image).')
@secure()
param whisperModelUrl string = ''

@description('Memory of each Functions instance in MB.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most Functions instances the app scales out to (Flex Consumption allows 40 to 1000).')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Durable Functions task hub name: letters and digits, 3 to 45 characters.')
@minLength(3)
@maxLength(45)
param taskHubName string = 'MediaFunctions'

// Names: empty means abbreviation + resource token.
param resourceGroupName string = ''
param functionAppName string = ''
param functionPlanName string = ''
param storageAccountName string = ''
param identityName string = ''
param logAnalyticsName string = ''
param applicationInsightsName string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var appName = !empty(functionAppName) ? functionAppName : '${abbrs.webSitesFunctions}${resourceToken}'
var deploymentContainerName = 'app-package-${take(appName, 32)}-${take(resourceToken, 7)}'

// Our own options that differ in Azure (Core's JobOptions and AuthOptions).
var appSettings = union(
  {
    // A render must end before host.json's 30-minute functionTimeout stops the activity.
    Jobs__RenderTimeout: '00:25:00'
    // HTTP requests to Functions are limited to 100 MB: refuse larger uploads with our own 413.
    Jobs__MaxUploadBytes: '104857600'
  },
  empty(bootstrapKeys) ? {} : { Auth__BootstrapKeys: bootstrapKeys },
  empty(adminKeys) ? {} : { Auth__AdminKeys: adminKeys },
  empty(whisperModelUrl) ? {} : { Speech__WhisperModelPath: whisperModelUrl }
)

resource rg 'Microsoft.Resources/resourceGroups@2024-11-01' = {
  name: !empty(resourceGroupName) ? resourceGroupName : '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    location: location
    tags: tags
    logAnalyticsName: !empty(logAnalyticsName) ? logAnalyticsName : '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
    applicationInsightsName: !empty(applicationInsightsName) ? applicationInsightsName : '${abbrs.insightsComponents}${resourceToken}'
  }
}

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    location: location
    tags: tags
    name: !empty(storageAccountName) ? storageAccountName : '${abbrs.storageStorageAccounts}${resourceToken}'
    deploymentContainerName: deploymentContainerName
  }
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    location: location
    tags: tags
    name: !empty(identityName) ? identityName : '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
    storageAccountName: storage.outputs.name
    applicationInsightsName: monitoring.outputs.applicationInsightsName
    principalId: principalId
    principalType: principalType
  }
}

module functionApp 'app/function-app.bicep' = {
  name: 'function-app'
  scope: rg
  params: {
    location: location
    tags: tags
    name: appName
    planName: !empty(functionPlanName) ? functionPlanName : '${abbrs.webServerFarms}${resourceToken}'
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainerName: deploymentContainerName
    applicationInsightsConnectionString: monitoring.outputs.applicationInsightsConnectionString
    instanceMemoryMB: instanceMemoryMB
    maximumInstanceCount: maximumInstanceCount
    taskHubName: taskHubName
    appSettings: appSettings
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functionApp.outputs.name
output SERVICE_API_NAME string = functionApp.outputs.name
output SERVICE_API_URI string = functionApp.outputs.uri
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_STORAGE_TABLE_ENDPOINT string = storage.outputs.tableEndpoint
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output APPLICATIONINSIGHTS_NAME string = monitoring.outputs.applicationInsightsName
output TASK_HUB_NAME string = taskHubName
