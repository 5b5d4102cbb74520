// The one storage account: the app's own containers and tables, the Durable Functions task hub
// (queues and tables) and the deployment package. Reached only through Entra ID: shared keys are off.

@description('Storage account name: 3-24 lowercase letters and digits.')
param name string

param location string
param tags object

@description('The container Flex Consumption deploys the app package from.')
param deploymentContainerName string

@description('Days after their last change that blobs the lifecycle rule covers are deleted.')
@minValue(1)
param deleteAfterDays int = 1

// The containers of MediaContainers in Core; the lifecycle rule below covers inputs, work and outputs only.
var mediaContainers = ['inputs', 'outputs', 'work', 'productions', 'system']

resource storage 'Microsoft.Storage/storageAccounts@2025-01-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    allowBlobPublicAccess: false
    defaultToOAuthAuthentication: true
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }

  resource blobService 'blobServices' = {
    name: 'default'
    properties: {
      // Upload sessions: browsers PUT blocks straight to one blob through a write-only user-delegation SAS.
      cors: {
        corsRules: [
          {
            allowedOrigins: ['*']
            allowedMethods: ['PUT']
            allowedHeaders: ['*']
            exposedHeaders: ['*']
            maxAgeInSeconds: 3600
          }
        ]
      }
    }

    resource deploymentContainer 'containers' = {
      name: deploymentContainerName
    }

    resource containers 'containers' = [
      for container in mediaContainers: {
        name: container
      }
    ]
  }

  // A backstop to the jobs' cleanup timers: whatever they miss is gone a day later. Persistent outputs
  // are kept because only outputs the app tagged persistent=false match (an index-tag filter can only
  // match a value, not exclude one, and an untagged blob is better kept than lost).
  resource lifecycle 'managementPolicies' = {
    name: 'default'
    properties: {
      policy: {
        rules: [
          {
            name: 'delete-inputs-and-work'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob', 'appendBlob']
                prefixMatch: ['inputs/', 'work/']
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: deleteAfterDays
                  }
                }
              }
            }
          }
          {
            name: 'delete-non-persistent-outputs'
            enabled: true
            type: 'Lifecycle'
            definition: {
              filters: {
                blobTypes: ['blockBlob']
                prefixMatch: ['outputs/']
                blobIndexMatch: [
                  {
                    name: 'persistent'
                    op: '=='
                    value: 'false'
                  }
                ]
              }
              actions: {
                baseBlob: {
                  delete: {
                    daysAfterModificationGreaterThan: deleteAfterDays
                  }
                }
              }
            }
          }
        ]
      }
    }
  }
}

output name string = storage.name
output blobEndpoint string = storage.properties.primaryEndpoints.blob
output queueEndpoint string = storage.properties.primaryEndpoints.queue
output tableEndpoint string = storage.properties.primaryEndpoints.table
