// The Flex Consumption (FC1) plan and the isolated-worker Functions app `azd deploy` publishes to
// (found by its azd-service-name tag). Every connection is identity-based through the user-assigned
// identity: no keys or connection strings in the settings.

@description('Function app name.')
param name string

@description('Flex Consumption plan name.')
param planName string

param location string
param tags object

@description('The value of the azd-service-name tag: the service in azure.yaml.')
param serviceName string

@description('Resource id of the user-assigned identity the app runs as.')
param identityId string

@description('Client id of that identity.')
param identityClientId string

param blobEndpoint string
param queueEndpoint string
param tableEndpoint string

@description('The blob container the app package is deployed to.')
param deploymentContainerName string

param applicationInsightsConnectionString string

@description('.NET version of the isolated worker; the projects target net10.0.')
param dotnetVersion string = '10.0'

@description('Memory of each instance in MB; ffmpeg runs inside it.')
@allowed([512, 2048, 4096])
param instanceMemoryMB int

@description('Most instances the app scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int

@description('Durable Functions task hub name (host.json reads %TaskHubName%).')
param taskHubName string

@description('Settings of our own options (Jobs__*, Auth__*...), added to the platform ones.')
@secure()
param appSettings object

resource plan 'Microsoft.Web/serverfarms@2024-11-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource app 'Microsoft.Web/sites@2024-11-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
      // Browser clients on any site call /api and /oauth2/token/ (seed 004's JavaScript uploads). The platform answers their
      // preflights and adds Access-Control-Allow-Origin; the app adds Access-Control-Expose-Headers itself. No credentials:
      // requests carry their key or token, never a cookie. The self-host does the same in ApiCors.
      cors: {
        allowedOrigins: [
          '*'
        ]
        supportCredentials: false
      }
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: dotnetVersion
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(appSettings, {
      // The host's storage and the Durable Functions task hub (queues and tables), through the identity.
      AzureWebJobsStorage__blobServiceUri: blobEndpoint
      AzureWebJobsStorage__queueServiceUri: queueEndpoint
      AzureWebJobsStorage__tableServiceUri: tableEndpoint
      AzureWebJobsStorage__credential: 'managedidentity'
      AzureWebJobsStorage__clientId: identityClientId
      // Our StorageOptions: no connection string, so DefaultAzureCredential picks the identity below.
      Storage__BlobServiceUri: blobEndpoint
      Storage__TableServiceUri: tableEndpoint
      AZURE_CLIENT_ID: identityClientId
      TaskHubName: taskHubName
      APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
      APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
    })
  }
}

output name string = app.name
output uri string = 'https://${app.properties.defaultHostName}'
