import RegistryAPI
import WebPages

extension ModelListing {
    /// A search hit as the web pages list it.
    init(_ hit: SearchHit) {
        self.init(name: hit.name, architecture: hit.architecture, domains: hit.domain, task: hit.task,
                  summary: hit.summary, headlineMetric: hit.headlineMetric, downloads: hit.downloads,
                  parent: hit.parent, updated: hit.updated)
    }
}
