package io.castiel.bench.floor;

import java.util.List;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The least a server on Castiel's stack (Tomcat, Spring MVC, Jackson 3, HikariCP, pgJDBC) can do
 * for the peer bench's three requests, against Directus's own {@code vendors} table with its
 * b-tree indexes: one statement each, a static token compared, records written by Jackson. No
 * tenants, no row-level security, no permissions, no audit, no events. Castiel cannot be faster
 * than this on the same machine, so a target this misses is out of reach of the stack itself.
 */
@SpringBootApplication
public class FloorApplication {

    public static void main(String[] args) {
        SpringApplication.run(FloorApplication.class, args);
    }

    record Vendor(int id, String name, Integer rating, String region, String notes) {
    }

    record NewVendor(String name, Integer rating, String region, String notes) {
    }

    record Data<T>(T data) {
    }

    @RestController
    static class VendorController {

        private static final String COLUMNS = "id, name, rating, region, notes";

        private final JdbcClient jdbc;
        private final String token;

        VendorController(JdbcClient jdbc, org.springframework.core.env.Environment env) {
            this.jdbc = jdbc;
            this.token = "Bearer " + env.getRequiredProperty("floor.token");
        }

        @GetMapping("/items/vendors/{id}")
        Data<Vendor> get(@PathVariable int id, @RequestHeader("Authorization") String authorization) {
            authenticate(authorization);
            return new Data<>(jdbc.sql("select " + COLUMNS + " from vendors where id = ?").param(id).query(Vendor.class).optional()
                    .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND)));
        }

        /** Directus's filter syntax for the two the bench uses: {@code filter[rating][_gte]} and {@code filter[region][_eq]}. */
        @GetMapping("/items/vendors")
        Data<List<Vendor>> list(@RequestParam Map<String, String> params, @RequestHeader("Authorization") String authorization) {
            authenticate(authorization);
            int rating = Integer.parseInt(params.getOrDefault("filter[rating][_gte]", "1"));
            String region = params.get("filter[region][_eq]");
            int limit = Math.min(Integer.parseInt(params.getOrDefault("limit", "50")), 100);
            return new Data<>(jdbc.sql("select " + COLUMNS + " from vendors where rating >= ? and (? is null or region = ?) order by id limit ?")
                    .params(rating, region, region, limit).query(Vendor.class).list());
        }

        @PostMapping("/items/vendors")
        ResponseEntity<Data<Vendor>> create(@RequestBody NewVendor vendor, @RequestHeader("Authorization") String authorization) {
            authenticate(authorization);
            int id = jdbc.sql("insert into vendors (name, rating, region, notes) values (?, ?, ?, ?) returning id")
                    .params(vendor.name(), vendor.rating(), vendor.region(), vendor.notes()).query(Integer.class).single();
            return ResponseEntity.ok(new Data<>(new Vendor(id, vendor.name(), vendor.rating(), vendor.region(), vendor.notes())));
        }

        private void authenticate(String authorization) {
            if (!java.security.MessageDigest.isEqual(token.getBytes(), authorization.getBytes())) {
                throw new ResponseStatusException(HttpStatus.UNAUTHORIZED);
            }
        }
    }
}
