#include "ontology/ontology.hpp"

namespace symptomdb::ontology {}  // namespace symptomdb::ontology
