{1}.symmetric_difference(*[[]])
