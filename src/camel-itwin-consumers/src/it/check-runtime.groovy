// After each consumer project's build: its resolved runtime class path (written by dependency:list) holds the library
// and none of the application's runtimes. The count is what docs/benchmarks.md reports.
def listing = new File(basedir, 'target/runtime-dependencies.txt')
assert listing.isFile() : "no ${listing}"
def jars = listing.readLines()*.trim().findAll { it ==~ /[^\s:]+:[^\s:]+:jar(:[^\s:]+)?:[^\s:]+:(compile|runtime).*/ }
assert jars.any { it.startsWith('io.camelitwin:camel-itwin:jar:') } : "the library is not on the class path: ${jars}"
def banned = jars.findAll { it ==~ /(io\.quarkus|io\.quarkiverse|software\.amazon|io\.fabric8|org\.apache\.activemq)[.:].*/ }
assert banned.isEmpty() : "runtime jars a library user must not get: ${banned}"
println "${basedir.name}: ${jars.size()} runtime jars, none of Quarkus, AWS, fabric8 or Artemis"
return true
