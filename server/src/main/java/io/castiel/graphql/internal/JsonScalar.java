package io.castiel.graphql.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.EnumValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.GraphQLScalarType;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code scalar JSON}: any JSON value. Inputs (variables or inline literals) become Jackson trees,
 * which is what the services take; outputs are trees or plain maps, written by the response encoder.
 */
final class JsonScalar {

    private JsonScalar() {
    }

    static GraphQLScalarType create(JsonMapper json) {
        return GraphQLScalarType.newScalar().name("JSON").description("Any JSON value").coercing(new Coercing<Object, Object>() {
            @Override
            public Object serialize(Object value, GraphQLContext context, Locale locale) {
                return value;
            }

            @Override
            public Object parseValue(Object input, GraphQLContext context, Locale locale) {
                return json.valueToTree(input);
            }

            @Override
            public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
                return json.valueToTree(plain(input, variables));
            }
        }).build();
    }

    private static Object plain(Value<?> value, CoercedVariables variables) {
        if (value instanceof StringValue s) {
            return s.getValue();
        }
        if (value instanceof IntValue i) {
            return i.getValue();
        }
        if (value instanceof FloatValue f) {
            return f.getValue();
        }
        if (value instanceof BooleanValue b) {
            return b.isValue();
        }
        if (value instanceof EnumValue e) {
            return e.getName();
        }
        if (value instanceof NullValue || value == null) {
            return null;
        }
        if (value instanceof VariableReference v) {
            return variables.get(v.getName());
        }
        if (value instanceof ArrayValue a) {
            List<Object> items = new ArrayList<>();
            a.getValues().forEach(item -> items.add(plain(item, variables)));
            return items;
        }
        if (value instanceof ObjectValue o) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (ObjectField field : o.getObjectFields()) {
                fields.put(field.getName(), plain(field.getValue(), variables));
            }
            return fields;
        }
        throw new IllegalArgumentException("Unsupported JSON literal: " + value.getClass().getSimpleName());
    }
}
